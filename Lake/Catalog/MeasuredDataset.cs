namespace Datapunk.Lake.Catalog;

/// <summary>A dataset as one refresh measured it: its facts, fields, quality per dimension and PII per field.</summary>
internal sealed record MeasuredDataset(
    DatasetFacts Facts, IReadOnlyList<SchemaField> Fields, IReadOnlyList<QualityScore> Quality, IReadOnlyList<PiiFieldFindings> Pii)
{
    public IReadOnlyDictionary<string, double?> Scores => Quality.ToDictionary(score => score.Dimension, score => score.Score, StringComparer.Ordinal);

    public IReadOnlyList<string> SchemaFields => [.. Fields.Select(described => $"{described.Name}:{described.Type}")];

    public CatalogDataset Summary(int schemaVersion) => new(
        Facts.Id, Facts.Zone, Facts.Origin, Facts.Source, Facts.Kind, Facts.Rows, Facts.FirstAt, Facts.LastAt, Facts.LastUpdate,
        Facts.Files.Count, schemaVersion, Scores,
        Pii.GroupBy(finding => finding.Kind, StringComparer.Ordinal).ToDictionary(kind => kind.Key, kind => kind.Sum(finding => finding.Findings), StringComparer.Ordinal));
}
