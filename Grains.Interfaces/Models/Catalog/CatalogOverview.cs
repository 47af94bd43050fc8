namespace Datapunk.Grains;

/// <summary>
/// A user's catalog: every dataset of the last complete refresh, when that refresh finished and how long it
/// took, and whether a newer one is asked for or running.
/// </summary>
[GenerateSerializer, Immutable, Alias("catalog-overview")]
public sealed record CatalogOverview(
    [property: Id(0)] IReadOnlyList<CatalogDataset> Datasets,
    [property: Id(1)] DateTimeOffset? RefreshedAt,
    [property: Id(2)] bool RefreshPending,
    [property: Id(3)] long? ElapsedMs);
