using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// A page of <c>GET calendars/{id}/events</c> (<c>{items, nextPageToken | nextSyncToken}</c>) as calendar-event
/// records (<see cref="GoogleCalendarEvent"/>); cancelled events are marks on their stored records.
/// </summary>
internal static class GoogleCalendarEvents
{
    public const string FormatId = "google.calendar.api.events";

    public sealed record Page(IReadOnlyList<PersonalRecord> Records, IReadOnlyList<SourceMark> Marks, string? NextPageToken, string? NextSyncToken);

    public static Page Read(JsonNode body, GoogleCalendar calendar, string request)
    {
        var records = new List<PersonalRecord>();
        var marks = new List<SourceMark>();
        foreach (var item in ProviderJson.Objects(body, "items", GoogleCalendarProvider.ProviderTitle, request))
        {
            if (GoogleCalendarEvent.Cancellation(item, request) is { } cancelled)
            {
                marks.Add(cancelled);
            }
            else if (GoogleCalendarEvent.Record(item, calendar, request) is { } record)
            {
                records.Add(record);
            }
        }

        var nextPage = ProviderJson.Text(body["nextPageToken"]);
        var nextSync = ProviderJson.Text(body["nextSyncToken"]);
        return nextPage is null && nextSync is null
            ? throw new ProviderResponseException($"Google Calendar's answer to {request} has neither a nextPageToken nor a nextSyncToken.")
            : new Page(records, marks, nextPage, nextSync);
    }
}
