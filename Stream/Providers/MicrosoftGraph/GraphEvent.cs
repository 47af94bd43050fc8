using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// One Graph event resource to one <see cref="RecordKind.CalendarEvent"/> record, the one the .ics import
/// (<see cref="IcsEventRecordFactory"/>) makes of the same event: the identity is <c>ical:&lt;iCalUId&gt;</c>
/// (Graph's iCalUId is the event's UID in an .ics export) for a single event or a series' master, and
/// <c>ical:&lt;master's iCalUId&gt;#&lt;originalStart key&gt;</c> for an exception (its RECURRENCE-ID), so an
/// event both imported and polled is stored once. The source has the .ics reader's keys where Graph gives
/// the value, and Graph's own (<c>eventId</c>, <c>type</c>, <c>seriesMasterId</c>, <c>recurrence</c>).
/// </summary>
internal static class GraphEvent
{
    /// <summary>The key of the record's source that keeps the event's Graph id.</summary>
    public const string IdKey = "eventId";

    private const int MaxTextChars = 64 * 1024;

    /// <summary>Whether the record is of an event its organizer cancelled (Graph's <c>isCancelled</c>).</summary>
    public static bool IsCancelled(PersonalRecord record) => ProviderJson.Text(record.Source?["status"]) == "CANCELLED";

    /// <summary>
    /// The record of <paramref name="item"/> under the UID <paramref name="uid"/> (the event's own iCalUId, or
    /// for an exception its master's) and, for an exception, its original start's key.
    /// </summary>
    public static PersonalRecord Record(JsonObject item, string uid, string? recurrenceKey, TimeZoneResolver zones, string where)
    {
        var allDay = item["isAllDay"] is JsonValue flag && flag.TryGetValue<bool>(out var isAllDay) && isAllDay;
        var start = Time(item["start"], "start", allDay, zones, where) ?? throw new ProviderResponseException($"{where} has no start.");
        var end = Time(item["end"], "end", allDay, zones, where);
        var subject = ProviderJson.Text(item["subject"]);
        var body = ProviderJson.Text(item["body"]?["content"]);
        var html = string.Equals(ProviderJson.Text(item["body"]?["contentType"]), "html", StringComparison.OrdinalIgnoreCase);
        var text = string.IsNullOrWhiteSpace(body) ? null
            : html || HtmlText.LooksLikeHtml(body) ? HtmlText.ToPlainText(body, MaxTextChars, keepLineBreaks: true)
            : HtmlText.Truncate(body.Trim(), MaxTextChars);
        return new PersonalRecord
        {
            Kind = RecordKind.CalendarEvent,
            Identity = RecordIdentity.Native("ical", recurrenceKey is null ? uid : $"{uid}#{recurrenceKey}"),
            OccurredAt = start.Utc,
            EndedAt = end?.Utc ?? (start.IsDate ? start.Utc.AddDays(1) : null),
            Title = subject,
            Text = string.IsNullOrEmpty(text) ? null : text,
            Url = ProviderJson.Text(item["webLink"]),
            Source = new JsonObject
            {
                ["uid"] = uid,
                [IdKey] = ProviderJson.Text(item["id"]),
                ["type"] = ProviderJson.Text(item["type"]),
                ["seriesMasterId"] = ProviderJson.Text(item["seriesMasterId"]),
                ["summary"] = subject,
                ["description"] = body,
                ["location"] = ProviderJson.Text(item["location"]?["displayName"]),
                ["start"] = Raw(item["start"]),
                ["end"] = Raw(item["end"]),
                ["allDay"] = allDay,
                ["recurrenceId"] = recurrenceKey,
                ["recurrence"] = item["recurrence"]?.DeepClone(),
                ["status"] = item["isCancelled"] is JsonValue cancelled && cancelled.TryGetValue<bool>(out var isCancelled) && isCancelled ? "CANCELLED" : "CONFIRMED",
                ["transparency"] = ProviderJson.Text(item["showAs"]) is { } showAs ? (showAs == "free" ? "TRANSPARENT" : "OPAQUE") : null,
                ["organizer"] = Person(item["organizer"], null),
                ["attendees"] = new JsonArray([.. (item["attendees"] as JsonArray ?? []).Select(attendee => (JsonNode?)Person(attendee, attendee))]),
                ["created"] = Instant(item["createdDateTime"]),
                ["lastModified"] = Instant(item["lastModifiedDateTime"]),
            },
        };
    }

    /// <summary>
    /// The key of an exception's <c>originalStart</c> (its RECURRENCE-ID, <see cref="IcsTime.Key"/>): the UTC
    /// instant, or for an all-day series the date in the series' <c>originalStartTimeZone</c>.
    /// </summary>
    public static string OriginalStartKey(JsonObject item, TimeZoneResolver zones, string where)
    {
        var text = ProviderJson.Text(item["originalStart"]);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            throw new ProviderResponseException($"{where} is an exception without a readable originalStart ('{text}').");
        }

        var allDay = item["isAllDay"] is JsonValue flag && flag.TryGetValue<bool>(out var isAllDay) && isAllDay;
        if (!allDay)
        {
            return new IcsTime(instant.UtcDateTime, IsDate: false).Key;
        }

        var zone = zones.Find(ProviderJson.Text(item["originalStartTimeZone"]));
        var local = zone is null ? instant.UtcDateTime : TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, zone);
        return new IcsTime(DateTime.SpecifyKind(local.Date, DateTimeKind.Utc), IsDate: true).Key;
    }

    /// <summary>
    /// <c>start</c> or <c>end</c>, a <c>dateTimeTimeZone</c>: a wall time in the named zone (Graph answers in
    /// UTC unless asked otherwise; Windows and IANA names are both read). An all-day event's is midnight of its
    /// date, kept as midnight UTC of that date, as the .ics reader keeps a DATE.
    /// </summary>
    private static IcsTime? Time(JsonNode? node, string field, bool allDay, TimeZoneResolver zones, string where)
    {
        if (node is null)
        {
            return null;
        }

        var text = ProviderJson.Text(node["dateTime"]);
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            throw new ProviderResponseException($"{where} has an unreadable {field} ('{Cut(node.ToJsonString())}').");
        }

        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (allDay)
        {
            return new IcsTime(DateTime.SpecifyKind(wall.Date, DateTimeKind.Utc), IsDate: true);
        }

        var zoneName = ProviderJson.Text(node["timeZone"]);
        if (zoneName is null or "UTC" or "Etc/UTC")
        {
            return new IcsTime(DateTime.SpecifyKind(wall, DateTimeKind.Utc), IsDate: false);
        }

        var zone = zones.Find(zoneName) ?? throw new ProviderResponseException($"{where} has its {field} in the unknown time zone '{Cut(zoneName)}'.");
        return new IcsTime(TimeZoneResolver.ToUtc(wall, zone), IsDate: false);
    }

    private static JsonObject? Raw(JsonNode? time) => time is null ? null : new JsonObject
    {
        ["value"] = ProviderJson.Text(time["dateTime"]),
        ["tzid"] = ProviderJson.Text(time["timeZone"]),
    };

    /// <summary>The organizer or an attendee with the .ics reader's keys: its response as a PARTSTAT, its type as a ROLE.</summary>
    private static JsonObject? Person(JsonNode? person, JsonNode? attendee) => person is null ? null : new JsonObject
    {
        ["email"] = ProviderJson.Text(person["emailAddress"]?["address"]),
        ["name"] = ProviderJson.Text(person["emailAddress"]?["name"]),
        ["status"] = ProviderJson.Text(attendee?["status"]?["response"]) switch
        {
            null => null,
            "accepted" or "organizer" => "ACCEPTED",
            "tentativelyAccepted" => "TENTATIVE",
            "declined" => "DECLINED",
            _ => "NEEDS-ACTION",
        },
        ["role"] = ProviderJson.Text(attendee?["type"]) switch
        {
            null => null,
            "optional" => "OPT-PARTICIPANT",
            "resource" => "NON-PARTICIPANT",
            _ => "REQ-PARTICIPANT",
        },
    };

    private static string? Instant(JsonNode? node) =>
        DateTimeOffset.TryParse(ProviderJson.Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)
            : null;

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
