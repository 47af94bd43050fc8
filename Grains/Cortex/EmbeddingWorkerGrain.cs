using Datapunk.Cortex.Embeddings;
using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// Embeds batches of one user's records on the silo of the caller (the user's Cortex grain), so the
/// work is spread over the cluster as the users' Cortex grains are. How many batches a silo embeds at
/// once is bounded by <see cref="EmbeddingSlots"/>, not by the number of activations.
/// </summary>
[StatelessWorker, GrainType("embedding-worker")]
public sealed class EmbeddingWorkerGrain(RecordEmbedder embedder) : Grain, IEmbeddingWorkerGrain, IPersonalDataGrain
{
    public string? OwnerUserId => this.GetPrimaryKeyString();

    public Task<EmbeddingBatchResult> EmbedNextBatchAsync() => embedder.EmbedNextBatchAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
