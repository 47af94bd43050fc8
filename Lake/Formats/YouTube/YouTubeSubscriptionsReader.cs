using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;

namespace Datapunk.Lake.Formats.YouTube;

/// <summary>
/// YouTube subscriptions (<c>subscriptions/subscriptions.csv</c>, German <c>Abos/Abos.csv</c>): one row per
/// channel, no dates. The record contract has no subscription kind, so each becomes an
/// <see cref="RecordKind.ActivityEvent"/> titled "Subscribed to &lt;channel&gt;" with no time, its source
/// <c>{channelId, url, title}</c>, and the channel id as identity (re-exports do not duplicate it). A
/// channel listed twice is handed over twice, so the import counts the repeat as matched rather than
/// losing it from the tally.
/// </summary>
public sealed class YouTubeSubscriptionsReader : IExportFormatReader
{
    public string FormatId => "google.youtube.subscriptions";

    public FormatMatch Detect(EntrySample sample)
    {
        if (sample.Extension != ".csv")
        {
            return FormatMatch.None;
        }

        var content = LooksLikeSubscriptions(sample.Head.Span);
        var name = sample.FileName.ToLowerInvariant() is "subscriptions.csv" or "abos.csv" or "abonnements.csv" or "suscripciones.csv";
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = bad => sink.ReportWarning($"Malformed CSV at row {bad.Context.Parser?.Row}: {Shorten(bad.RawRecord)}"),
        };
        using var parser = new CsvParser(text, configuration, leaveOpen: true);
        string[]? header = null;
        SubscriptionColumns? mapped = null;
        while (await parser.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = parser.Record ?? [];
            if (header is null)
            {
                header = row;
                continue;
            }

            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var firstRow = mapped is null;
            var columns = mapped ??= SubscriptionColumns.Map(header, row);
            if (!columns.IsComplete)
            {
                throw new ExportFormatException($"The subscriptions CSV has no channel id and URL columns (header: {string.Join(",", header)}) at row {parser.Row}");
            }

            if (firstRow)
            {
                ReportUnknownColumns(header, row, columns, sink);
            }

            if (columns.Id >= row.Length || string.IsNullOrWhiteSpace(row[columns.Id]))
            {
                sink.RejectRecord(RejectReason.MissingField, $"Row {parser.Row} of the subscriptions CSV has no channel id and was skipped.");
                continue;
            }

            sink.AddRecord(Create(row, columns));
        }

        sink.SetVariant("subscriptions.csv");
    }

    private static PersonalRecord Create(string[] row, SubscriptionColumns columns)
    {
        var channelId = row[columns.Id].Trim();
        var url = Cell(row, columns.Url);
        var title = Cell(row, columns.Title);
        return new PersonalRecord
        {
            Kind = RecordKind.ActivityEvent,
            Identity = RecordIdentity.Native("youtube.subscription", channelId),
            Title = $"Subscribed to {title ?? channelId}",
            Url = url,
            Text = title,
            Source = new JsonObject { ["channelId"] = channelId, ["url"] = url, ["title"] = title },
        };
    }

    /// <summary>A header row with id and URL columns (2–4 columns) and, where there is one, a first row that fits it.</summary>
    private static bool LooksLikeSubscriptions(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head.StartsWith("\uFEFF"u8) ? head[3..] : head);
        var lines = text.Split('\n', 3);
        var header = SplitSimple(lines[0]);
        if (header.Length is < 2 or > 4)
        {
            return false;
        }

        var firstRow = lines.Length > 1 && lines[1].Trim().Length > 0 && (lines.Length > 2 || head.Length < EntrySample.HeadSize) ? SplitSimple(lines[1]) : null;
        var columns = SubscriptionColumns.Map(header, null);
        return firstRow is null ? columns.IsComplete && columns.Title >= 0 : SubscriptionColumns.Map(header, firstRow) is { IsComplete: true } mapped && mapped.Fits(firstRow);
    }

    /// <summary>Good enough for a header and a first row; the reader itself parses quoted fields properly.</summary>
    private static string[] SplitSimple(string line) => line.TrimEnd('\r').Split(',').Select(cell => cell.Trim().Trim('"')).ToArray();

    private static void ReportUnknownColumns(string[] header, string[] row, SubscriptionColumns columns, IImportSink sink)
    {
        for (var i = 0; i < header.Length; i++)
        {
            if (i != columns.Id && i != columns.Url && i != columns.Title)
            {
                sink.ReportUnknownField("column:" + header[i], i < row.Length ? Shorten(row[i]) : "");
            }
        }
    }

    private static string? Cell(string[] row, int index) => index >= 0 && index < row.Length && row[index].Trim() is { Length: > 0 } cell ? cell : null;

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
