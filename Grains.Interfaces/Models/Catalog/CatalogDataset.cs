namespace Datapunk.Grains;

/// <summary>
/// One dataset a user holds, as the catalog lists it (docs/catalog.md, "Catalog"): its name, zone (bronze,
/// silver, gold), what it comes from (an import format, a live source, an uploaded table, a derived set),
/// how many rows over which span, from how many source files, last changed when, its quality score per
/// dimension (null where a dimension does not apply) and the PII found in it by kind.
/// </summary>
[GenerateSerializer, Immutable, Alias("catalog-dataset")]
public sealed record CatalogDataset(
    [property: Id(0)] string Id,
    [property: Id(1)] string Zone,
    [property: Id(2)] string Origin,
    [property: Id(3)] string Source,
    [property: Id(4)] string? Kind,
    [property: Id(5)] long Rows,
    [property: Id(6)] DateTimeOffset? FirstAt,
    [property: Id(7)] DateTimeOffset? LastAt,
    [property: Id(8)] DateTimeOffset? LastUpdate,
    [property: Id(9)] int Files,
    [property: Id(10)] int SchemaVersion,
    [property: Id(11)] IReadOnlyDictionary<string, double?> Quality,
    [property: Id(12)] IReadOnlyDictionary<string, long> Pii);
