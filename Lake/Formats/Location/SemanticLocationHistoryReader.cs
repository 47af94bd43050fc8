using System.Text.RegularExpressions;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Location history generation 3: <c>Semantic Location History/YYYY/YYYY_MONTH.json</c>, one month
/// of place visits and activity segments under <c>timelineObjects</c>. Months are small but can be
/// written on one line with a BOM, so they are streamed like every other JSON entry.
/// </summary>
public sealed partial class SemanticLocationHistoryReader : IExportFormatReader
{
    public string FormatId => "google.location.semantic";

    public FormatMatch Detect(EntrySample sample)
    {
        var content = sample.Head.Span.IndexOf("\"timelineObjects\""u8) >= 0;
        var name = sample.Extension == ".json"
            && (MonthFileName().IsMatch(sample.FileName) || sample.Path.Contains("/Semantic Location History/", StringComparison.Ordinal));
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var parser = new SemanticTimelineObjectParser(sink);
        return EmptyEntries.ReadJsonAsync(content, sink, stream => new JsonElementStream(["timelineObjects"]).ReadAsync(
            stream,
            (_, element, offset) => parser.Read(element, offset),
            (property, _) => parser.Unknown.Report("$." + property, "(top-level value)"),
            cancellationToken));
    }

    // Month names stay English in localised exports (Standortverlauf/Semantic Location History/2023/2023_MAY.json).
    [GeneratedRegex("^[0-9]{4}_(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\\.json$")]
    private static partial Regex MonthFileName();
}
