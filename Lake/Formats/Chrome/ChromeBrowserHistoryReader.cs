using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;
using Datapunk.Lake.Formats.MyActivity;

namespace Datapunk.Lake.Formats.Chrome;

/// <summary>
/// Chrome browsing history (<c>Chrome/BrowserHistory.json</c> to ~2022, <c>Chrome/History.json</c> after,
/// German <c>Verlauf.json</c>): <c>{"Browser History":[{title, url, time_usec, client_id, page_transition,
/// favicon_url?, ptoken?}]}</c>, newest first, times in epoch microseconds. The identity is the URL,
/// the exact microsecond and the syncing client, so overlapping exports store each visit once.
/// </summary>
public sealed class ChromeBrowserHistoryReader : IExportFormatReader
{
    private const string HistoryArray = "Browser History";

    private static readonly HashSet<string> KnownFields =
    [
        "title", "url", "time_usec", "client_id", "page_transition", "page_transition_qualifier", "favicon_url", "ptoken",
    ];

    public string FormatId => "google.chrome.history";

    public FormatMatch Detect(EntrySample sample)
    {
        if (sample.Extension != ".json")
        {
            return FormatMatch.None;
        }

        var head = sample.Head.Span;
        var at = head.IndexOf("\"Browser History\""u8);
        var content = at >= 0 && head[(at + HistoryArray.Length + 2)..].TrimStart(" \t\r\n:"u8) is [(byte)'[', ..];
        var name = sample.FileName is "BrowserHistory.json" or "History.json" or "Verlauf.json";
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        await new JsonElementStream([HistoryArray]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                if (TryCreate(element, offset, sink, reported) is { } record)
                {
                    sink.AddRecord(record);
                }
            },
            (property, _) =>
            {
                if (reported.Add("$." + property))
                {
                    sink.ReportUnknownField("$." + property, "(top-level value)");
                }
            },
            cancellationToken);
        sink.SetVariant("browser-history.json");
    }

    private static PersonalRecord? TryCreate(ReadOnlySpan<byte> element, long offset, IImportSink sink, HashSet<string> reported)
    {
        try
        {
            if (JsonNode.Parse(element) is not JsonObject visit)
            {
                sink.RejectRecord(RejectReason.Unparseable, $"A history entry at byte {offset} is not a JSON object and was skipped.");
                return null;
            }

            foreach (var (name, value) in visit)
            {
                if (!KnownFields.Contains(name) && reported.Add("$.Browser History[]." + name))
                {
                    sink.ReportUnknownField("$.Browser History[]." + name, MyActivityJsonEntries.Example(value));
                }
            }

            var url = MyActivityRecords.Text(visit["url"]);
            if (url is null)
            {
                sink.RejectRecord(RejectReason.MissingField, $"A history entry at byte {offset} has no URL and was skipped.");
                return null;
            }

            if (!TryGetMicroseconds(visit["time_usec"], out var micros) || !Timestamps.TryFromEpoch(micros, EpochUnit.Microseconds, out var time))
            {
                var problem = UnusableTime.Of(visit["time_usec"], "time_usec");
                sink.RejectRecord(problem.Reason, $"A history entry at byte {offset} has {problem.Description} and was skipped.");
                return null;
            }

            var title = MyActivityRecords.Text(visit["title"]);
            return new PersonalRecord
            {
                Kind = RecordKind.BrowserVisit,
                Identity = RecordIdentity.FromContent(url, micros, MyActivityRecords.Text(visit["client_id"])),
                OccurredAt = time,
                Title = string.IsNullOrEmpty(title) ? null : title,
                Url = url,
                Text = string.IsNullOrEmpty(title) ? url : title,
                Source = visit,
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"A history entry at byte {offset} could not be read ({exception.Message}) and was skipped.");
            return null;
        }
    }

    /// <summary>A number, or a number in a string as some converters write it.</summary>
    private static bool TryGetMicroseconds(JsonNode? node, out long micros)
    {
        micros = 0;
        return node is JsonValue value
            && (value.TryGetValue(out micros)
                || (value.TryGetValue<string>(out var text) && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out micros)));
    }
}
