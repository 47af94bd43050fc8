using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// The cursor of a Google Calendar connection (docs/sources.md): <c>calendars</c>, by calendar id, the
/// <c>syncToken</c> of its last finished synchronization and, while one is under way, the
/// <c>pageToken</c> of the next page to read. A calendar without a sync token is read in full. Every
/// change is a copy: the poller keeps a page's cursor only once the page is stored.
/// </summary>
internal static class GoogleCalendarCursor
{
    private const string Calendars = "calendars";
    private const string SyncToken = "syncToken";
    private const string PageToken = "pageToken";

    /// <summary>Where the synchronization of <paramref name="calendarId"/> stands.</summary>
    public static (string? SyncToken, string? PageToken) Of(JsonObject cursor, string calendarId) =>
        cursor[Calendars]?[calendarId] is JsonObject calendar
            ? (ProviderJson.Text(calendar[SyncToken]), ProviderJson.Text(calendar[PageToken]))
            : (null, null);

    /// <summary>The cursor with <paramref name="calendarId"/>'s synchronization at <paramref name="syncToken"/>, its next page <paramref name="pageToken"/>.</summary>
    public static JsonObject With(JsonObject cursor, string calendarId, string? syncToken, string? pageToken)
    {
        var next = cursor.DeepClone().AsObject();
        if (next[Calendars] is not JsonObject calendars)
        {
            next[Calendars] = calendars = [];
        }

        var calendar = new JsonObject();
        if (syncToken is not null)
        {
            calendar[SyncToken] = syncToken;
        }

        if (pageToken is not null)
        {
            calendar[PageToken] = pageToken;
        }

        calendars[calendarId] = calendar;
        return next;
    }

    /// <summary>The cursor without the calendars no longer listed (unsubscribed or deleted), so it does not grow forever.</summary>
    public static JsonObject OnlyListed(JsonObject cursor, IEnumerable<string> listed)
    {
        if (cursor[Calendars] is not JsonObject calendars)
        {
            return cursor;
        }

        var keep = listed.ToHashSet(StringComparer.Ordinal);
        var gone = calendars.Select(calendar => calendar.Key).Where(id => !keep.Contains(id)).ToList();
        if (gone.Count == 0)
        {
            return cursor;
        }

        var next = cursor.DeepClone().AsObject();
        var kept = next[Calendars]!.AsObject();
        foreach (var id in gone)
        {
            kept.Remove(id);
        }

        return next;
    }
}
