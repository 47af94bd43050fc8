using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// My Activity in HTML, any product (<c>My Activity/&lt;Product&gt;/MyActivity.html</c>, YouTube's
/// <c>watch-history.html</c> and <c>search-history.html</c>, localised names alike): one
/// <c>div.outer-cell</c> per event, read cell by cell while streaming (see <see cref="HtmlCellScanner"/>),
/// each rebuilt in the JSON schema and routed like the JSON export (see <see cref="MyActivityRouting"/>).
/// Dates without a zone are read as UTC and marked <c>"timeZone": "unknown"</c> in the source.
/// </summary>
public sealed class MyActivityHtmlReader : IExportFormatReader
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "MyActivity.html", "My Activity.html", "watch-history.html", "search-history.html", "Wiedergabeverlauf.html", "Suchverlauf.html",
        "MeineAktivitäten.html",
    };

    public string FormatId => "google.myactivity.html";

    public FormatMatch Detect(EntrySample sample)
    {
        if (sample.Extension is not (".html" or ".htm"))
        {
            return FormatMatch.None;
        }

        var head = sample.Head.Span;
        // The cells, or (for an export with no events yet) the style sheet every activity export carries.
        var content = (head.IndexOf("outer-cell"u8) >= 0 && head.IndexOf("content-cell"u8) >= 0)
            || (head.IndexOf(".header-cell.mdl-cell"u8) >= 0 && head.IndexOf(".content-cell.mdl-cell"u8) >= 0);
        var name = Names.Contains(sample.FileName);
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var zoneless = false;
        await new HtmlCellScanner().ScanAsync(
            content,
            (cell, offset, cutOff) =>
            {
                if (TryCreate(cell, offset, cutOff, sink, reported) is { } record)
                {
                    zoneless |= record.Source?[MyActivityRecords.AnnotationsKey]?["timeZone"]?.GetValue<string>() == "unknown";
                    sink.AddRecord(record);
                }
            },
            cancellationToken);
        sink.SetVariant(zoneless ? "my-activity.html (dates without zone)" : "my-activity.html");
    }

    private static PersonalRecord? TryCreate(ReadOnlySpan<byte> cell, long offset, bool cutOff, IImportSink sink, HashSet<string> reported)
    {
        var content = HtmlCellParser.Parse(Encoding.UTF8.GetString(cell));
        void ReportCaption(string name, string example)
        {
            if (reported.Add("html:caption/" + name))
            {
                sink.ReportUnknownField("html:caption/" + name, example);
            }
        }

        if (!HtmlActivityBuilder.TryBuild(content, ReportCaption, out var activity, out var reason, out var problem))
        {
            // What a cell the file ends in lacks was most likely cut off with the rest of the file.
            sink.RejectRecord(
                cutOff ? RejectReason.Truncated : reason,
                $"The activity cell at byte {offset} was skipped: {problem}{(cutOff ? ", and the file ends inside it" : "")}.");
            return null;
        }

        var time = activity!.Time;
        var annotations = new JsonObject
        {
            ["format"] = "html",
            ["timeText"] = activity.TimeText,
            ["timeZone"] = time.Zone is null ? "unknown" : time.ZoneKnown ? time.Zone : $"{time.Zone} (unknown, read as UTC)",
        };
        if (time.UtcOffset is { } offsetFromUtc)
        {
            annotations["utcOffset"] = (offsetFromUtc < TimeSpan.Zero ? "-" : "+") + offsetFromUtc.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        return MyActivityRecords.Create(activity.Entry, time.Utc, annotations, activity.Verb, activity.Subject);
    }
}
