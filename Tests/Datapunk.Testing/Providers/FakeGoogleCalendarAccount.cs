using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Testing.Providers;

/// <summary>
/// An account of <see cref="FakeGoogleCalendar"/>: its e-mail (the primary calendar's id), its calendars
/// and their events. Every change takes the account's next sequence number, which the fake's sync tokens
/// count from, as Google's incremental synchronization returns what changed since a token.
/// </summary>
public sealed class FakeGoogleCalendarAccount(string email, string displayName)
{
    private readonly Lock _lock = new();
    private readonly List<(string Id, string Summary, string TimeZone, string AccessRole)> _calendars = [(email, displayName, "Europe/Berlin", "owner")];
    private readonly Dictionary<(string Calendar, string EventId), (long Sequence, JsonObject Event)> _events = [];
    private long _sequence;

    public string Email { get; } = email;

    public string DisplayName { get; } = displayName;

    public FakeGoogleCalendarAccount Calendar(string id, string summary, string timeZone = "Europe/Berlin", string accessRole = "reader")
    {
        lock (_lock)
        {
            _calendars.Add((id, summary, timeZone, accessRole));
        }

        return this;
    }

    /// <summary>Adds or replaces the event whose <c>id</c> <paramref name="resource"/> has in <paramref name="calendarId"/>; <c>updated</c> is set.</summary>
    public FakeGoogleCalendarAccount Put(string calendarId, JsonObject resource)
    {
        lock (_lock)
        {
            var sequence = ++_sequence;
            resource["updated"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(sequence).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            _events[(calendarId, resource["id"]!.GetValue<string>())] = (sequence, resource);
        }

        return this;
    }

    /// <summary>
    /// Deletes an event: it stays as <c>status: cancelled</c>, which an incremental synchronization returns,
    /// with only what Google guarantees of a deleted event (its <c>id</c>) and, for an instance of a recurring
    /// event, its <c>recurringEventId</c> and <c>originalStartTime</c>.
    /// </summary>
    public FakeGoogleCalendarAccount Delete(string calendarId, string eventId)
    {
        lock (_lock)
        {
            var (_, resource) = _events[(calendarId, eventId)];
            resource = new JsonObject
            {
                ["kind"] = "calendar#event",
                ["id"] = eventId,
                ["status"] = "cancelled",
                ["recurringEventId"] = resource["recurringEventId"]?.DeepClone(),
                ["originalStartTime"] = resource["originalStartTime"]?.DeepClone(),
            };
            _events[(calendarId, eventId)] = (++_sequence, resource);
        }

        return this;
    }

    internal long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    internal IReadOnlyList<(string Id, string Summary, string TimeZone, string AccessRole)> Calendars
    {
        get
        {
            lock (_lock)
            {
                return [.. _calendars];
            }
        }
    }

    /// <summary>
    /// The events of <paramref name="calendarId"/> in id order: those changed after <paramref name="since"/> (cancelled ones too), or
    /// without it all but the deleted ones (a cancelled instance of a recurring event stays, as Google lists it).
    /// </summary>
    internal IReadOnlyList<JsonObject> Events(string calendarId, long? since)
    {
        lock (_lock)
        {
            return [.. _events
                .Where(e => e.Key.Calendar == calendarId)
                .Where(e => since is { } after
                    ? e.Value.Sequence > after
                    : e.Value.Event["status"]?.GetValue<string>() != "cancelled" || e.Value.Event["recurringEventId"] is not null)
                .OrderBy(e => e.Key.EventId, StringComparer.Ordinal)
                .Select(e => e.Value.Event.DeepClone().AsObject())];
        }
    }
}
