namespace Datapunk.Grains;

/// <summary>
/// One dataset in full (docs/catalog.md): its summary, schema (fields with types and examples), the schema's
/// versions and the drift the importers reported, quality per dimension with failing rows, PII per field,
/// the quality trend over refreshes and its source files (at most <c>CatalogLimits.SourceFiles</c>, newest first).
/// </summary>
[GenerateSerializer, Immutable, Alias("catalog-dataset-detail")]
public sealed record CatalogDatasetDetail(
    [property: Id(0)] CatalogDataset Dataset,
    [property: Id(1)] IReadOnlyList<SchemaField> Fields,
    [property: Id(2)] IReadOnlyList<SchemaVersion> Versions,
    [property: Id(3)] IReadOnlyList<SchemaDriftEvent> Drift,
    [property: Id(4)] IReadOnlyList<QualityScore> Quality,
    [property: Id(5)] IReadOnlyList<PiiFieldFindings> Pii,
    [property: Id(6)] IReadOnlyList<QualityTrendPoint> Trend,
    [property: Id(7)] IReadOnlyList<DatasetSourceFile> Sources);
