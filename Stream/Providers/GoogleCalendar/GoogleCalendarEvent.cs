using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;
using Datapunk.Lake.Formats.TextCodecs;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// One event resource to one <see cref="RecordKind.CalendarEvent"/> record, the one the Takeout .ics
/// reader (<see cref="IcsEventRecordFactory"/>) makes of the same event: the identity is
/// <c>ical:&lt;iCalUID&gt;</c>, with <c>#&lt;originalStartTime key&gt;</c> for an overridden instance of a
/// recurring event, so an event both imported and polled is stored once; the <c>source</c> has the .ics
/// reader's keys where Google gives the value. A cancelled event (deleted, or a cancelled instance) is
/// no record but a <see cref="SourceMark"/>: the stored record of it, if any, is marked cancelled.
/// </summary>
internal static class GoogleCalendarEvent
{
    private const int MaxTextChars = 64 * 1024;

    /// <summary>The reason a cancelled event's record is marked with.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// The mark of a cancelled event's record, or null for an event that is not cancelled. Google
    /// guarantees only the <c>id</c> of a deleted event: with its <c>iCalUID</c> (and, for an instance,
    /// <c>originalStartTime</c>) the record is found by identity, an imported one too; with the id alone, by
    /// the <c>eventId</c> a polled record's source keeps.
    /// </summary>
    public static SourceMark? Cancellation(JsonObject item, string request)
    {
        if (ProviderJson.Text(item["status"]) != "cancelled")
        {
            return null;
        }

        var where = $"the cancelled event '{ProviderJson.Text(item["id"]) ?? "(no id)"}' of {request}";
        if (ProviderJson.Text(item["iCalUID"]) is { Length: > 0 } uid)
        {
            return SourceMark.ByIdentity(RecordKind.CalendarEvent, Identity(uid, Time(item["originalStartTime"], "originalStartTime", where)?.Key), Cancelled);
        }

        return ProviderJson.Text(item["id"]) is { Length: > 0 } id
            ? SourceMark.ByProviderId(RecordKind.CalendarEvent, id, Cancelled)
            : throw new ProviderResponseException($"{Cut(where)} has neither an iCalUID nor an id.");
    }

    /// <summary>The event's record, or null for a cancelled one (<see cref="Cancellation"/>).</summary>
    public static PersonalRecord? Record(JsonObject item, GoogleCalendar calendar, string request)
    {
        var status = ProviderJson.Text(item["status"]);
        if (status == "cancelled")
        {
            return null;
        }

        var where = $"the event '{ProviderJson.Text(item["id"]) ?? "(no id)"}' of {request}";
        var uid = ProviderJson.Text(item["iCalUID"]) is { Length: > 0 } u ? u : throw new ProviderResponseException($"{Cut(where)} has no iCalUID.");
        var start = Time(item["start"], "start", where) ?? throw new ProviderResponseException($"{Cut(where)} has no start.");
        var end = Time(item["end"], "end", where);
        var recurrenceKey = Time(item["originalStartTime"], "originalStartTime", where)?.Key;
        var summary = ProviderJson.Text(item["summary"]);
        var description = ProviderJson.Text(item["description"]);
        return new PersonalRecord
        {
            Kind = RecordKind.CalendarEvent,
            Identity = Identity(uid, recurrenceKey),
            OccurredAt = start.Utc,
            EndedAt = end?.Utc ?? (start.IsDate ? start.Utc.AddDays(1) : null),
            Title = summary,
            Text = description is null ? null
                : HtmlText.LooksLikeHtml(description) ? HtmlText.ToPlainText(description, MaxTextChars, keepLineBreaks: true)
                : HtmlText.Truncate(description.Trim(), MaxTextChars),
            Url = ProviderJson.Text(item["htmlLink"]),
            Source = new JsonObject
            {
                ["uid"] = uid,
                ["eventId"] = ProviderJson.Text(item["id"]),
                ["summary"] = summary,
                ["description"] = description,
                ["location"] = ProviderJson.Text(item["location"]),
                ["start"] = Raw(item["start"]),
                ["end"] = Raw(item["end"]),
                ["allDay"] = start.IsDate,
                ["recurrenceId"] = recurrenceKey,
                ["rrule"] = Strings(Recurrence(item, where).Where(IsRule).Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())),
                ["recurrence"] = Strings(Recurrence(item, where)),
                ["status"] = status?.ToUpperInvariant(),
                ["transparency"] = ProviderJson.Text(item["transparency"])?.ToUpperInvariant(),
                ["organizer"] = Person(item["organizer"], null),
                ["attendees"] = new JsonArray([.. (item["attendees"] as JsonArray ?? []).Select(attendee => (JsonNode?)Person(attendee, attendee?["optional"]))]),
                ["created"] = Instant(item["created"]),
                ["lastModified"] = Instant(item["updated"]),
                ["calendar"] = calendar.Summary,
                ["calendarId"] = calendar.Id,
                ["calendarTimeZone"] = calendar.TimeZone,
            },
        };
    }

    /// <summary>The identity the .ics reader gives the event <paramref name="uid"/>, or its instance at <paramref name="recurrenceKey"/>.</summary>
    private static string Identity(string uid, string? recurrenceKey) => RecordIdentity.Native("ical", recurrenceKey is null ? uid : $"{uid}#{recurrenceKey}");

    /// <summary>
    /// <c>start</c>, <c>end</c> or <c>originalStartTime</c>: <c>{date}</c> for an all-day event (midnight UTC of
    /// that date, as the .ics reader keeps a DATE) or <c>{dateTime}</c> with its offset; null when absent.
    /// </summary>
    private static IcsTime? Time(JsonNode? node, string field, string where)
    {
        if (node is null)
        {
            return null;
        }

        if (ProviderJson.Text(node["date"]) is { } date)
        {
            return DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
                ? new IcsTime(DateTime.SpecifyKind(day, DateTimeKind.Utc), IsDate: true)
                : throw new ProviderResponseException($"{Cut(where)} has an unreadable {field}.date '{Cut(date)}'.");
        }

        var dateTime = ProviderJson.Text(node["dateTime"]);
        return DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? new IcsTime(instant.UtcDateTime, IsDate: false)
            : throw new ProviderResponseException($"{Cut(where)} has an unreadable {field} ('{Cut(node.ToJsonString())}').");
    }

    private static IReadOnlyList<string> Recurrence(JsonObject item, string where) => item["recurrence"] switch
    {
        null => [],
        JsonArray lines => [.. lines.Select(line => ProviderJson.Text(line) ?? throw new ProviderResponseException($"{Cut(where)} has a recurrence line that is not a string."))],
        _ => throw new ProviderResponseException($"{Cut(where)} has a recurrence that is not an array."),
    };

    private static bool IsRule(string line) => line.StartsWith("RRULE", StringComparison.OrdinalIgnoreCase) && line.Contains(':', StringComparison.Ordinal);

    private static JsonObject? Raw(JsonNode? time) => time is null ? null : new JsonObject
    {
        ["value"] = ProviderJson.Text(time["dateTime"]) ?? ProviderJson.Text(time["date"]),
        ["tzid"] = ProviderJson.Text(time["timeZone"]),
    };

    /// <summary>The organizer or an attendee with the .ics reader's keys: its reply as a PARTSTAT, optional as a ROLE.</summary>
    private static JsonObject? Person(JsonNode? person, JsonNode? optional) => person is null ? null : new JsonObject
    {
        ["email"] = ProviderJson.Text(person["email"]),
        ["name"] = ProviderJson.Text(person["displayName"]),
        ["status"] = ProviderJson.Text(person["responseStatus"]) switch
        {
            null => null,
            "needsAction" => "NEEDS-ACTION",
            var reply => reply.ToUpperInvariant(),
        },
        ["role"] = optional is null ? null : optional is JsonValue value && value.TryGetValue<bool>(out var isOptional) && isOptional ? "OPT-PARTICIPANT" : "REQ-PARTICIPANT",
    };

    private static string? Instant(JsonNode? node) =>
        DateTimeOffset.TryParse(ProviderJson.Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)
            : null;

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
