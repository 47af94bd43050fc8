namespace Datapunk.Grains;

/// <summary>What one batch of embedding work did.</summary>
/// <param name="Visited">Records the batch looked at (embedded, or already current).</param>
/// <param name="Embedded">Records it made a vector for.</param>
/// <param name="Finished">True when no work is left: the pass reached the end of the user's records and no new request came.</param>
/// <param name="Deferred">True when it did nothing because an import of the user is running (embedding waits behind imports).</param>
[GenerateSerializer, Immutable, Alias("embedding-batch-result")]
public sealed record EmbeddingBatchResult(
    [property: Id(0)] int Visited,
    [property: Id(1)] int Embedded,
    [property: Id(2)] bool Finished,
    [property: Id(3)] bool Deferred);
