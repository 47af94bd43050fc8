namespace Datapunk.Grains;

/// <summary>
/// Embeds one batch of a user's records and stores their vectors: a stateless worker keyed by the
/// user id, so that only that user's flow may call it; the Cortex grain asks it for one batch after
/// another. Each silo's workers share one embedding slot (<c>Cortex:Embeddings:Concurrency</c>), so
/// embedding never takes every core from imports and queries.
/// </summary>
[Alias("embedding-worker")]
public interface IEmbeddingWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Embeds the next batch of the user's records lacking a current vector of the configured model,
    /// from where the user's pass stands (kept in the database, so any silo continues it).
    /// </summary>
    [Alias("EmbedNextBatchAsync")]
    Task<EmbeddingBatchResult> EmbedNextBatchAsync();
}
