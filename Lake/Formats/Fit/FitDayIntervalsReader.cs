using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>
/// Fit's per-day CSVs (<c>Daily activity metrics/2021-03-01.csv</c>): one row per 15-minute interval
/// with <c>Start time</c>/<c>End time</c> as times of day only. The day is only in the file name, so
/// the file becomes one FitDay for that date, each column folded over the intervals as
/// <see cref="FitColumnTotal"/> says. It shares its identity with the same date's row in the daily CSV.
/// </summary>
public sealed partial class FitDayIntervalsReader : IExportFormatReader
{
    public string FormatId => "google.fit.day-intervals";

    public FormatMatch Detect(EntrySample sample)
    {
        var content = FitCsvHead.TryRead(sample.Head.Span) is { StartsWithTimesOfDay: true };
        var name = DayFileName().IsMatch(sample.FileName);
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        sink.SetVariant("day-intervals");
        var match = DayFileName().Match(sink.EntryPath[(sink.EntryPath.LastIndexOf('/') + 1)..]);
        if (!match.Success || !FitDayRecord.TryParseDate(match.Groups["date"].Value, out var date))
        {
            throw new ExportFormatException("A per-day Fit CSV carries its date only in its file name (YYYY-MM-DD.csv), and this one has none", 0);
        }

        string[]? header = null;
        FitColumnTotal[] totals = [];
        var skippedText = new HashSet<string>(StringComparer.Ordinal);
        var intervals = 0;
        await foreach (var row in CsvRows.ReadAsync(content, sink, cancellationToken))
        {
            if (header is null)
            {
                header = [.. row.Fields.Select(name => name.Trim())];
                totals = [.. header.Select(name => new FitColumnTotal(FitColumnTotal.AggregationFor(name)))];
                continue;
            }

            intervals++;

            // Columns 0 and 1 are the interval's start and end time.
            for (var column = 2; column < Math.Min(row.Fields.Length, header.Length); column++)
            {
                var cell = row.Fields[column].Trim();
                if (cell.Length == 0)
                {
                    continue;
                }

                if (FitCellValue.TryNumber(cell, out var value))
                {
                    totals[column].Add(value);
                }
                else if (skippedText.Add(header[column]))
                {
                    sink.ReportWarning($"The column \"{header[column]}\" holds text (\"{cell}\" at byte {row.ByteOffset}); only numbers are added up.");
                }
            }
        }

        var source = new JsonObject();
        for (var column = 2; column < totals.Length; column++)
        {
            if (totals[column].Result() is { } total)
            {
                source[header![column]] = total;
            }
        }

        if (source.Count > 0)
        {
            sink.AddRecord(FitDayRecord.Create(date, source));
        }
        else if (intervals > 0)
        {
            sink.RejectRecord(RejectReason.MissingField, $"The {intervals} intervals of {date:yyyy-MM-dd} hold no values; no day was recorded.");
        }
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})\.csv$", RegexOptions.IgnoreCase)]
    private static partial Regex DayFileName();
}
