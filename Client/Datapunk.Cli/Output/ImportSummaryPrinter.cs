using System.Globalization;
using Datapunk.Grains;

namespace Datapunk.Cli.Output;

/// <summary>The text form of a finished import: outcome, files, records by kind, records rejected and matched, and errors.</summary>
public static class ImportSummaryPrinter
{
    public static void Print(ImportProgress progress, TextWriter output)
    {
        var files = progress.Files;
        output.WriteLine($"Import {progress.ImportId}: {progress.Status} in {DurationText.Format(progress.Seconds)}" +
            (progress.Message is { } message ? $" ({message})" : ""));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Files: {files.Total ?? files.Done:N0} ({files.Imported:N0} imported, {files.Unchanged:N0} unchanged, {files.Skipped:N0} skipped, {files.Failed:N0} failed, {files.Rejected:N0} rejected)"));
        var kinds = new TextTable("RECORDS", "NEW").AlignRight(1);
        foreach (var (kind, count) in progress.Records.Where(pair => pair.Value > 0))
        {
            kinds.Add(kind, count.ToString("N0", CultureInfo.InvariantCulture));
        }

        kinds.WriteTo(output);
        if (RecordOutcomeText.Rejected(progress.RejectedRecords) is { } rejected)
        {
            output.WriteLine($"{rejected} (examples per file: GET /api/v1/imports/{progress.ImportId}/files)");
        }

        if (RecordOutcomeText.Matched(progress.Matched) is { } matched)
        {
            output.WriteLine(matched);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Duplicates skipped: {progress.Duplicates:N0}; unknown fields: {progress.UnknownFields:N0}; peak memory: {ImportProgressLine.Bytes(progress.PeakMemoryBytes)}"));
        foreach (var error in progress.Errors)
        {
            output.WriteLine($"error: {error.File}: {error.Message}");
        }
    }
}
