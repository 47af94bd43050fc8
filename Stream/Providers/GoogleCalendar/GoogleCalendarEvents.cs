using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// A page of <c>GET calendars/{id}/events</c> (<c>{items, nextPageToken | nextSyncToken}</c>) as calendar-event
/// records (<see cref="GoogleCalendarEvent"/>); cancelled events are left out.
/// </summary>
internal static class GoogleCalendarEvents
{
    public const string FormatId = "google.calendar.api.events";

    public sealed record Page(IReadOnlyList<PersonalRecord> Records, string? NextPageToken, string? NextSyncToken);

    public static Page Read(JsonNode body, GoogleCalendar calendar, string request)
    {
        var records = new List<PersonalRecord>();
        foreach (var item in ProviderJson.Objects(body, "items", GoogleCalendarProvider.ProviderTitle, request))
        {
            if (GoogleCalendarEvent.Record(item, calendar, request) is { } record)
            {
                records.Add(record);
            }
        }

        var nextPage = ProviderJson.Text(body["nextPageToken"]);
        var nextSync = ProviderJson.Text(body["nextSyncToken"]);
        return nextPage is null && nextSync is null
            ? throw new ProviderResponseException($"Google Calendar's answer to {request} has neither a nextPageToken nor a nextSyncToken.")
            : new Page(records, nextPage, nextSync);
    }
}
