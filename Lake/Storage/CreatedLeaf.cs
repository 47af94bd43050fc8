namespace Datapunk.Lake.Storage;

/// <summary>A user's leaf of a month's location partition, created by a merge and still to be indexed.</summary>
/// <param name="Month">Year × 12 + month − 1.</param>
/// <param name="Name">The leaf table's name in schema timeseries.</param>
public sealed record CreatedLeaf(int Month, string Name);
