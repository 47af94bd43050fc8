using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Calendar;

/// <summary>
/// One VEVENT component to one <see cref="RecordKind.CalendarEvent"/> record. Recurrences are not
/// expanded: a recurring master is one record with its RRULE/RDATE/EXDATE kept in the source, and each
/// overridden instance (RECURRENCE-ID) is its own record whose identity is UID#RECURRENCE-ID, so an
/// override is found whether it comes before or after its master. Expanding belongs to whoever
/// queries a time range, where the range bounds the work.
/// </summary>
public sealed class IcsEventRecordFactory(TimeZoneResolver zones, IImportSink sink)
{
    private const int MaxTextChars = 64 * 1024;

    private static readonly HashSet<string> KnownProperties =
    [
        "UID", "SUMMARY", "DESCRIPTION", "LOCATION", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE",
        "RECURRENCE-ID", "STATUS", "TRANSP", "ORGANIZER", "ATTENDEE", "CREATED", "LAST-MODIFIED", "DTSTAMP", "SEQUENCE", "URL",
        "GEO", "CLASS", "CATEGORIES", "ATTACH", "PRIORITY", "CONTACT", "COMMENT", "RELATED-TO", "RESOURCES", "REQUEST-STATUS",
        "COLOR", "CONFERENCE", "IMAGE",
    ];

    private readonly HashSet<string> _reportedFields = new(StringComparer.Ordinal);

    public PersonalRecord Create(IcsComponent vevent, IcsCalendarContext calendar)
    {
        foreach (var property in vevent.Properties.Where(p => !p.Name.StartsWith("X-", StringComparison.Ordinal) && !KnownProperties.Contains(p.Name)))
        {
            if (_reportedFields.Add(property.Name))
            {
                sink.ReportUnknownField("VEVENT." + property.Name, property.Value.Length > 80 ? property.Value[..80] + "…" : property.Value);
            }
        }

        var uid = vevent.Text("UID");
        var start = Time(vevent.First("DTSTART"), calendar, vevent);
        var recurrenceLine = vevent.First("RECURRENCE-ID");
        var recurrence = Time(recurrenceLine, calendar, vevent);
        var recurrenceKey = recurrence?.Key ?? recurrenceLine?.Value.Trim();
        var end = Time(vevent.First("DTEND"), calendar, vevent);
        DateTime? endUtc = end?.Utc;
        if (endUtc is null && start is { } s)
        {
            endUtc = IcsDuration.TryParse(vevent.First("DURATION")?.Value, out var duration) ? s.Utc + duration
                : s.IsDate ? s.Utc.AddDays(1)
                : null;
        }

        if (start is null)
        {
            sink.ReportWarning($"The event at byte {vevent.Offset} has no usable DTSTART; it is kept without a time.");
        }

        var summary = vevent.Text("SUMMARY");
        if (uid is null)
        {
            sink.ReportWarning($"The event at byte {vevent.Offset} has no UID; its identity is taken from its start and summary.");
        }

        var identity = uid is not null
            ? RecordIdentity.Native("ical", recurrenceKey is null ? uid : $"{uid}#{recurrenceKey}")
            : RecordIdentity.FromContent("ical", start?.Utc, summary, recurrenceKey);
        var description = vevent.Text("DESCRIPTION");
        var (latitude, longitude) = Geo(vevent.First("GEO")?.Value);

        return new PersonalRecord
        {
            Kind = RecordKind.CalendarEvent,
            Identity = identity,
            OccurredAt = start?.Utc,
            EndedAt = endUtc,
            Title = summary,
            Text = description is null ? null
                : HtmlText.LooksLikeHtml(description) ? HtmlText.ToPlainText(description, MaxTextChars, keepLineBreaks: true)
                : HtmlText.Truncate(description.Trim(), MaxTextChars),
            Url = vevent.Text("URL"),
            LatitudeE7 = latitude,
            LongitudeE7 = longitude,
            Source = Source(vevent, calendar, uid, summary, description, start, recurrenceKey),
        };
    }

    private JsonObject Source(IcsComponent vevent, IcsCalendarContext calendar, string? uid, string? summary, string? description, IcsTime? start, string? recurrenceKey)
    {
        var source = new JsonObject
        {
            ["uid"] = uid,
            ["summary"] = summary,
            ["description"] = description,
            ["location"] = vevent.Text("LOCATION"),
            ["start"] = Raw(vevent.First("DTSTART")),
            ["end"] = Raw(vevent.First("DTEND")),
            ["duration"] = vevent.First("DURATION")?.Value.Trim(),
            ["allDay"] = start?.IsDate ?? false,
            ["recurrenceId"] = recurrenceKey,
            ["rrule"] = Strings(vevent.All("RRULE").Select(r => r.Value.Trim())),
            ["rdate"] = Strings(vevent.All("RDATE").SelectMany(r => Times(r, calendar, vevent))),
            ["exdate"] = Strings(vevent.All("EXDATE").SelectMany(r => Times(r, calendar, vevent))),
            ["status"] = vevent.Text("STATUS"),
            ["transparency"] = vevent.Text("TRANSP"),
            ["class"] = vevent.Text("CLASS"),
            ["sequence"] = int.TryParse(vevent.First("SEQUENCE")?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence) ? sequence : null,
            ["organizer"] = Person(vevent.First("ORGANIZER")),
            ["attendees"] = new JsonArray([.. vevent.All("ATTENDEE").Select(a => (JsonNode?)Person(a))]),
            ["created"] = Instant(vevent.First("CREATED"), calendar, vevent),
            ["lastModified"] = Instant(vevent.First("LAST-MODIFIED"), calendar, vevent),
            ["calendar"] = calendar.Name,
            ["calendarTimeZone"] = calendar.TimeZoneId,
        };
        if (vevent.Dropped > 0)
        {
            source["propertiesDropped"] = vevent.Dropped;
        }

        return source;
    }

    private IcsTime? Time(ContentLine? line, IcsCalendarContext calendar, IcsComponent vevent)
    {
        if (line is null)
        {
            return null;
        }

        var tzid = line.Parameter("TZID");
        var isDate = string.Equals(line.Parameter("VALUE"), "DATE", StringComparison.OrdinalIgnoreCase);
        if (!IcsTime.TryParse(line.Value, tzid, isDate, calendar.TimeZone, zones, out var time))
        {
            sink.ReportWarning($"The event at byte {vevent.Offset} has an unreadable {line.Name} '{line.Value}'.");
            return null;
        }

        if (!time.ZoneKnown && _reportedFields.Add("TZID:" + tzid))
        {
            sink.ReportWarning($"The time zone '{tzid}' (first at byte {line.Offset}) is unknown; its times are read as UTC.");
        }

        return time;
    }

    /// <summary>Every value of a comma-separated date list (EXDATE, RDATE) as keys; period values are kept as written.</summary>
    private IEnumerable<string> Times(ContentLine line, IcsCalendarContext calendar, IcsComponent vevent)
    {
        foreach (var value in line.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var single = line with { Value = value };
            yield return value.Contains('/') ? value : Time(single, calendar, vevent)?.Key ?? value;
        }
    }

    private string? Instant(ContentLine? line, IcsCalendarContext calendar, IcsComponent vevent) =>
        Time(line, calendar, vevent)?.Utc.ToString("O", CultureInfo.InvariantCulture);

    private static JsonObject? Raw(ContentLine? line) => line is null ? null : new JsonObject
    {
        ["value"] = line.Value.Trim(),
        ["tzid"] = line.Parameter("TZID"),
    };

    /// <summary>ORGANIZER and ATTENDEE: the address without <c>mailto:</c>, the CN and the reply status.</summary>
    private static JsonObject? Person(ContentLine? line)
    {
        if (line is null)
        {
            return null;
        }

        var address = line.Value.Trim();
        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            address = address[7..];
        }

        return new JsonObject
        {
            ["email"] = address,
            ["name"] = line.Parameter("CN"),
            ["status"] = line.Parameter("PARTSTAT"),
            ["role"] = line.Parameter("ROLE"),
        };
    }

    private static (int? Latitude, int? Longitude) Geo(string? value)
    {
        var parts = value?.Split(';', ',');
        if (parts is { Length: 2 }
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            && Math.Abs(latitude) <= 90 && Math.Abs(longitude) <= 180)
        {
            return (LocationFix.ToE7(latitude), LocationFix.ToE7(longitude));
        }

        return (null, null);
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
