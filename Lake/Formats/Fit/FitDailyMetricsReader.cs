using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>
/// Fit's one-row-per-date CSV: <c>Daily activity metrics.csv</c> (2018+) and the older
/// <c>Daily Summaries.csv</c>. Columns exist only for what the person tracked and their order and
/// names differ by user, year and language, so every column is mapped by its header name into
/// <see cref="PersonalRecord.Source"/> and none is assumed. Dates without any value are rejected.
/// </summary>
public sealed class FitDailyMetricsReader : IExportFormatReader
{
    public string FormatId => "google.fit.daily-metrics";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = FitCsvHead.TryRead(sample.Head.Span);
        var content = head is { StartsWithDate: true, HasUnitColumn: true };
        var name = sample.FileName.Equals("Daily activity metrics.csv", StringComparison.OrdinalIgnoreCase)
            || sample.FileName.Equals("Daily Summaries.csv", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var fileName = sink.EntryPath[(sink.EntryPath.LastIndexOf('/') + 1)..];
        sink.SetVariant(fileName.StartsWith("Daily Summaries", StringComparison.OrdinalIgnoreCase) ? "daily-summaries" : "daily-activity-metrics");
        string[]? header = null;
        var reportedExtraColumns = false;
        await foreach (var row in CsvRows.ReadAsync(content, sink, cancellationToken))
        {
            if (header is null)
            {
                header = [.. row.Fields.Select(name => name.Trim())];
                continue;
            }

            if (!FitDayRecord.TryParseDate(row[0], out var date))
            {
                var problem = UnusableTime.Of(row[0], "date in its first column");
                sink.RejectRecord(problem.Reason, $"The row at byte {row.ByteOffset} has {problem.Description}; it was skipped.");
                continue;
            }

            var source = new JsonObject { [header[0]] = row[0]!.Trim() };
            for (var column = 1; column < row.Fields.Length; column++)
            {
                var cell = row.Fields[column].Trim();
                if (cell.Length == 0)
                {
                    continue;
                }

                if (column >= header.Length)
                {
                    if (!reportedExtraColumns)
                    {
                        reportedExtraColumns = true;
                        sink.ReportWarning($"The row at byte {row.ByteOffset} has more values than the header has columns; the extra values were dropped.");
                    }

                    continue;
                }

                source[header[column]] = FitCellValue.Parse(cell);
            }

            if (source.Count > 1)
            {
                sink.AddRecord(FitDayRecord.Create(date, source));
            }
            else
            {
                sink.RejectRecord(RejectReason.MissingField, $"The row at byte {row.ByteOffset} ({date:yyyy-MM-dd}) holds no value; it was skipped.");
            }
        }
    }
}
