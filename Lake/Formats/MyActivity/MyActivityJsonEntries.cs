using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Streams a JSON file in the My Activity schema (<c>[{header, title, titleUrl?, subtitles?, time,
/// products, details?, locationInfos?, activityControls?}]</c>) into records, one element at a time.
/// Shared by the My Activity reader and the YouTube history reader: the files are the same schema.
/// </summary>
public static class MyActivityJsonEntries
{
    private static readonly HashSet<string> KnownFields =
    [
        "header", "title", "titleUrl", "subtitles", "description", "time", "products", "details", "locationInfos",
        "activityControls",
    ];

    private static readonly Dictionary<string, HashSet<string>> KnownNestedFields = new(StringComparer.Ordinal)
    {
        ["subtitles"] = ["name", "url"],
        ["details"] = ["name"],
        ["locationInfos"] = ["name", "url", "source", "sourceUrl"],
    };

    /// <summary>Reads every entry; returns how many records of each kind were produced.</summary>
    public static async Task<IReadOnlyDictionary<RecordKind, int>> ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<RecordKind, int>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        await new JsonElementStream([]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                if (TryCreate(element, offset, sink, reported) is { } record)
                {
                    counts[record.Kind] = counts.GetValueOrDefault(record.Kind) + 1;
                    sink.AddRecord(record);
                }
            },
            (property, _) => ReportExample(sink, reported, "$." + property, "(top-level value)"),
            cancellationToken);
        return counts;
    }

    private static PersonalRecord? TryCreate(ReadOnlySpan<byte> element, long offset, IImportSink sink, HashSet<string> reported)
    {
        try
        {
            if (JsonNode.Parse(element) is not JsonObject entry)
            {
                sink.RejectRecord(RejectReason.Unparseable, $"An activity at byte {offset} is not a JSON object and was skipped.");
                return null;
            }

            ReportUnknownFields(entry, sink, reported);
            var timeText = MyActivityRecords.Text(entry["time"]);
            DateTime? time = Timestamps.TryParse(timeText, out var parsed) ? parsed : null;
            if (time is null && MyActivityRecords.Text(entry["title"]) is null)
            {
                // A title alone or a time alone keeps an entry; the time names the reason, as every entry is meant to have one.
                var problem = UnusableTime.Of(entry["time"], "time");
                sink.RejectRecord(problem.Reason, $"An activity at byte {offset} has no title and {problem.Description}, and was skipped.");
                return null;
            }

            if (time is null)
            {
                sink.ReportWarning($"An activity at byte {offset} has no readable time ({timeText ?? "missing"}); it is kept without one.");
            }

            return MyActivityRecords.Create(entry, time, new JsonObject());
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // Duplicate keys or values of an unexpected type in one entry must not end the import of the file.
            sink.RejectRecord(RejectReason.Unparseable, $"An activity at byte {offset} could not be read ({exception.Message}) and was skipped.");
            return null;
        }
    }

    private static void ReportUnknownFields(JsonObject entry, IImportSink sink, HashSet<string> reported)
    {
        foreach (var (name, value) in entry)
        {
            if (!KnownFields.Contains(name))
            {
                Report(sink, reported, "$[]." + name, value);
            }
            else if (KnownNestedFields.TryGetValue(name, out var known) && value is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (item is not JsonObject fields)
                    {
                        continue;
                    }

                    foreach (var (nested, nestedValue) in fields)
                    {
                        if (!known.Contains(nested))
                        {
                            Report(sink, reported, $"$[].{name}[].{nested}", nestedValue);
                        }
                    }
                }
            }
        }
    }

    private static void Report(IImportSink sink, HashSet<string> reported, string path, JsonNode? value)
    {
        if (reported.Add(path))
        {
            sink.ReportUnknownField(path, Example(value));
        }
    }

    private static void ReportExample(IImportSink sink, HashSet<string> reported, string path, string example)
    {
        if (reported.Add(path))
        {
            sink.ReportUnknownField(path, example);
        }
    }

    /// <summary>A short printable example of a value, for schema-drift reports.</summary>
    public static string Example(JsonNode? value)
    {
        var text = value switch
        {
            null => "null",
            JsonObject => "{…}",
            JsonArray => "[…]",
            _ => MyActivityRecords.Text(value) ?? value.ToJsonString(),
        };
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
