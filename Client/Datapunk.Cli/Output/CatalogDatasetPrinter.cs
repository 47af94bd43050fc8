using Datapunk.Grains;
using System.Globalization;

namespace Datapunk.Cli.Output;

/// <summary>One catalog dataset as text: its fields, quality per dimension with a few failing rows, PII per field and schema drift.</summary>
internal static class CatalogDatasetPrinter
{
    private const int FailingRowsShown = 3;

    public static async Task WriteAsync(TextWriter output, CatalogDatasetDetail detail)
    {
        var dataset = detail.Dataset;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{dataset.Id} ({dataset.Zone}, {dataset.Origin}): {dataset.Rows} rows from {dataset.Files} file(s), schema version {dataset.SchemaVersion}"));
        var fields = new TextTable("FIELD", "TYPE", "PRESENT", "EXAMPLES").AlignRight(2);
        foreach (var field in detail.Fields)
        {
            fields.Add(field.Name, field.Type, $"{field.Present}/{field.Sampled}", string.Join(" | ", field.Examples));
        }

        fields.WriteTo(output);
        var quality = new TextTable("DIMENSION", "SCORE", "FAILED", "CHECKED").AlignRight(1, 2, 3);
        foreach (var score in detail.Quality)
        {
            quality.Add(score.Dimension, score.Score?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "n/a",
                score.Failed.ToString(CultureInfo.InvariantCulture), score.Checked.ToString(CultureInfo.InvariantCulture));
        }

        quality.WriteTo(output);
        foreach (var row in detail.Quality.SelectMany(score => score.FailingRows.Take(FailingRowsShown).Select(row => (score.Dimension, row))))
        {
            await output.WriteLineAsync($"  {row.Dimension}: {row.row.Id}: {row.row.Reason}");
        }

        foreach (var pii in detail.Pii)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"PII {pii.Kind} in {pii.Field}: {pii.Findings} in {pii.Sampled} sampled{(pii.Note is null ? "" : $" ({pii.Note})")}"));
        }

        foreach (var drift in detail.Drift)
        {
            await output.WriteLineAsync($"Drift: unknown field {drift.FieldPath} in {drift.Path} ({drift.SeenAt:yyyy-MM-dd})");
        }
    }
}
