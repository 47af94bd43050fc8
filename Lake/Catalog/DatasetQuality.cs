using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>Measures the eight dimensions of one dataset with the measures of its family, in the catalog's order; a dimension without a measure says so.</summary>
internal static class DatasetQuality
{
    public static async Task<IReadOnlyList<QualityScore>> MeasureAsync(
        ReadTransaction read, string userId, DatasetFacts dataset, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scores = new List<QualityScore>();
        if (dataset.Id.StartsWith("fixes:", StringComparison.Ordinal))
        {
            scores.AddRange(await QualityRun.RunAsync(read, userId, dataset, FixQuality.Window, FixQuality.Measures, cancellationToken));
            scores.Add(Timeliness.Of(dataset, now));
        }
        else if (dataset.Id.StartsWith("records:", StringComparison.Ordinal))
        {
            scores.AddRange(await QualityRun.RunAsync(read, userId, dataset, RecordQuality.Window, RecordQuality.Measures(dataset.Kind), cancellationToken));
            scores.Add(Timeliness.Of(dataset, now));
        }
        else if (dataset.Id.StartsWith("table:", StringComparison.Ordinal))
        {
            scores.AddRange(await QualityRun.RunAsync(read, userId, dataset, TableQuality.Window, TableQuality.Measures, cancellationToken));
            scores.AddRange(TableQuality.NotApplicable);
        }
        else if (GoldQuality.For(dataset.Id) is { } gold)
        {
            scores.AddRange(await QualityRun.RunAsync(read, userId, dataset, gold.Window, gold.Measures, cancellationToken));
        }

        var why = dataset.Zone == CatalogZones.Bronze
            ? "Does not apply: originals are kept byte for byte as received; their quality is that of the records imported from them."
            : "Does not apply to this derived set.";
        return [.. QualityDimensions.All.Select(dimension => scores.FirstOrDefault(score => score.Dimension == dimension) ?? QualityRun.NotApplicable(dimension, why))];
    }
}
