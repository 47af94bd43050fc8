using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// Reads one calendar's events by Google's incremental synchronization: without a sync token, in full
/// (<c>GET calendars/{id}/events?maxResults=250&amp;showDeleted=false&amp;singleEvents=false</c>); with one,
/// what changed since (the same request with <c>syncToken</c>); both paged by <c>pageToken</c>, the last
/// page giving the <c>nextSyncToken</c>. Each page's cursor keeps the page token reached, so a sync cut
/// short goes on from the next page. A sync token Google no longer accepts (410 Gone) is dropped and the
/// calendar read in full again; its events already stored are matched by identity. A cancelled event
/// (deleted, or a cancelled instance, which an incremental synchronization returns) marks its stored
/// record (<see cref="GoogleCalendarEvent.Cancellation"/>), which an event restored later clears.
/// </summary>
internal static class GoogleCalendarEventsSweep
{
    private const string Query = "maxResults=250&showDeleted=false&singleEvents=false";

    public static async IAsyncEnumerable<PolledPage> PagesAsync(
        ProviderClient client, GoogleCalendar calendar, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (syncToken, pageToken) = GoogleCalendarCursor.Of(cursor.Value!, calendar.Id);
        var restarted = false;
        while (true)
        {
            var request = Request(calendar.Id, syncToken, pageToken);
            JsonNode body;
            try
            {
                body = await client.GetJsonAsync(request, cancellationToken);
            }
            catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.Gone && !restarted)
            {
                // The sync (or page) token expired: Google's answer is a full synchronization, once per poll.
                (syncToken, pageToken, restarted) = (null, null, true);
                continue;
            }

            var line = "GET " + client.Resolve(request).PathAndQuery;
            var page = GoogleCalendarEvents.Read(body, calendar, line);
            var done = page.NextPageToken is null;
            (syncToken, pageToken) = done ? (page.NextSyncToken, null) : (syncToken, page.NextPageToken);
            cursor.Value = GoogleCalendarCursor.With(cursor.Value!, calendar.Id, syncToken, pageToken);
            yield return new PolledPage(GoogleCalendarProvider.Source, GoogleCalendarEvents.FormatId, line, page.Records, cursor.Value, CurrentVersions: true)
            {
                Marks = page.Marks,
                ProviderIdKey = "eventId",
            };
            if (done)
            {
                yield break;
            }
        }
    }

    private static string Request(string calendarId, string? syncToken, string? pageToken)
    {
        var request = $"calendars/{Uri.EscapeDataString(calendarId)}/events?{Query}";
        if (syncToken is not null)
        {
            request += "&syncToken=" + Uri.EscapeDataString(syncToken);
        }

        return pageToken is null ? request : request + "&pageToken=" + Uri.EscapeDataString(pageToken);
    }
}
