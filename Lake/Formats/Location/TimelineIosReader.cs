using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Location history generation 4, exported on an iPhone (2024+): a root array of segments
/// <c>{startTime, endTime, visit? | activity? | timelinePath? | timelineMemory?}</c> with
/// <c>"geo:47.36,8.53"</c> coordinates, numbers as strings, path points timed in minutes after the
/// segment's start, and offsets that change within one file (daylight saving, travel).
/// </summary>
public sealed class TimelineIosReader : IExportFormatReader
{
    public string FormatId => "google.location.timeline-ios";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        // A root array of segments; "geo:" strings or the iOS-only path offsets make it this shape.
        var content = head.TrimStart(" \t\r\n"u8).StartsWith("["u8)
            && head.IndexOf("\"startTime\""u8) >= 0
            && (head.IndexOf("\"geo:"u8) >= 0 || head.IndexOf("\"durationMinutesOffsetFromStartTime\""u8) >= 0 || head.IndexOf("\"topCandidate\""u8) >= 0);
        var name = sample.FileName.Equals("location-history.json", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        var segments = new OnDeviceSegmentParser(sink, unknown, "$[]");
        sink.SetVariant("timeline-ios");
        return EmptyEntries.ReadJsonAsync(content, sink, stream => new JsonElementStream([]).ReadAsync(
            stream,
            (_, element, offset) => segments.Read(element, offset),
            (property, _) => unknown.Report("$." + property, "(top-level value; this shape has a root array)"),
            cancellationToken));
    }
}
