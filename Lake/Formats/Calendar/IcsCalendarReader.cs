using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Calendar;

/// <summary>
/// Google Calendar's iCalendar export (<c>Calendar/&lt;name&gt;.ics</c>): one
/// <see cref="RecordKind.CalendarEvent"/> per VEVENT component, recurrences not expanded (see
/// <see cref="IcsEventRecordFactory"/>). Read line by line; only the current event is held.
/// VTIMEZONE definitions are not interpreted: TZIDs are resolved against the system's IANA zones,
/// which covers what Google writes. An event cut off by the end of the file or by another
/// BEGIN:VEVENT is rejected as truncated, naming its offset.
/// </summary>
public sealed class IcsCalendarReader : IExportFormatReader
{
    private const int MaxDepth = 8;

    public string FormatId => "google.calendar.ics";

    public FormatMatch Detect(EntrySample sample)
    {
        var content = ContentLineReader.HeadStartsWithLine(sample.Head.Span, "BEGIN:VCALENDAR"u8);
        var name = sample.Extension is ".ics" or ".ical" or ".ifb";
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var lines = new ContentLineReader(content);
        var zones = new TimeZoneResolver();
        var factory = new IcsEventRecordFactory(zones, sink);
        var stack = new List<string>();
        var calendar = new IcsCalendarContext();
        IcsComponent? vevent = null;
        var sawCalendar = false;
        while (await lines.ReadAsync(cancellationToken) is { } line)
        {
            if (line.IsMalformed)
            {
                sink.ReportWarning($"The line at byte {line.Offset} is not an iCalendar content line and was skipped: '{line.Value}'.");
                continue;
            }

            if (line.Is("BEGIN"))
            {
                var component = line.Value.Trim().ToUpperInvariant();
                if (!sawCalendar && component != "VCALENDAR")
                {
                    throw new ExportFormatException($"Expected BEGIN:VCALENDAR but found BEGIN:{component}; this is not an iCalendar file", line.Offset);
                }

                if (stack.Count >= MaxDepth)
                {
                    throw new ExportFormatException($"iCalendar components nest deeper than {MaxDepth} levels", line.Offset);
                }

                if (component == "VEVENT" && vevent is not null)
                {
                    sink.RejectRecord(RejectReason.Truncated, $"The event at byte {vevent.Offset} has no END:VEVENT before the next event at byte {line.Offset}; it was skipped.");
                    stack.RemoveRange(stack.LastIndexOf("VEVENT"), stack.Count - stack.LastIndexOf("VEVENT"));
                }

                if (component == "VCALENDAR")
                {
                    sawCalendar = true;
                    calendar = new IcsCalendarContext();
                }

                vevent = component == "VEVENT" ? new IcsComponent(line.Offset) : vevent;
                stack.Add(component);
                continue;
            }

            if (line.Is("END"))
            {
                var component = line.Value.Trim().ToUpperInvariant();
                var at = stack.LastIndexOf(component);
                if (at < 0)
                {
                    sink.ReportWarning($"END:{component} at byte {line.Offset} closes nothing and was ignored.");
                    continue;
                }

                if (at < stack.LastIndexOf("VEVENT") && vevent is not null)
                {
                    sink.RejectRecord(RejectReason.Truncated, $"The event at byte {vevent.Offset} is not closed before END:{component} at byte {line.Offset}; it was skipped.");
                    vevent = null;
                }

                stack.RemoveRange(at, stack.Count - at);
                if (component == "VEVENT" && vevent is not null)
                {
                    sink.AddRecord(factory.Create(vevent, calendar));
                    vevent = null;
                }

                continue;
            }

            if (!sawCalendar)
            {
                throw new ExportFormatException($"Expected BEGIN:VCALENDAR but found {line.Name}; this is not an iCalendar file", line.Offset);
            }

            var top = stack.Count > 0 ? stack[^1] : null;
            if (top == "VEVENT" && vevent is not null)
            {
                vevent.Add(line);
            }
            else if (top == "VCALENDAR")
            {
                ReadCalendarProperty(line, calendar, zones, sink);
            }
        }

        if (vevent is not null)
        {
            sink.RejectRecord(RejectReason.Truncated, $"The event at byte {vevent.Offset} is truncated: the file ends before its END:VEVENT; it was skipped.");
        }
        else if (stack.Count > 0)
        {
            sink.ReportWarning($"The calendar ends without END:{stack[0]} at byte {lines.Position} (truncated?).");
        }

        sink.SetVariant(calendar.ProductId?.Contains("Google", StringComparison.OrdinalIgnoreCase) == true ? "google" : "ics");
    }

    private static void ReadCalendarProperty(ContentLine line, IcsCalendarContext calendar, TimeZoneResolver zones, IImportSink sink)
    {
        switch (line.Name)
        {
            case "X-WR-CALNAME":
                calendar.Name = ContentValues.Unescape(line.Value);
                break;
            case "PRODID":
                calendar.ProductId = line.Value;
                break;
            case "X-WR-TIMEZONE":
                calendar.TimeZoneId = line.Value.Trim();
                calendar.TimeZone = zones.Find(calendar.TimeZoneId);
                if (calendar.TimeZone is null)
                {
                    sink.ReportWarning($"The calendar time zone '{calendar.TimeZoneId}' at byte {line.Offset} is unknown; floating times are read as UTC.");
                }

                break;
        }
    }
}
