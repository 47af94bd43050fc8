namespace Datapunk.Lake.Catalog;

/// <summary>What <c>user_data.catalog_datasets.detail</c> holds of a dataset as its last refresh measured it.</summary>
internal sealed record CatalogDetailDocument(
    IReadOnlyList<SchemaField> Fields, IReadOnlyList<QualityScore> Quality, IReadOnlyList<PiiFieldFindings> Pii, IReadOnlyList<DatasetSourceFile> Sources);
