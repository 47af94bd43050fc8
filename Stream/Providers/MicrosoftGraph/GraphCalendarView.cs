using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// The events of the account's primary calendar by the calendar view's delta query
/// (<c>GET me/calendarView/delta?startDateTime=…&amp;endDateTime=…</c>, <see cref="GraphDeltaSweep"/>).
/// The window is fixed by a round's first request: from <see cref="YearsBack"/> years back to
/// <see cref="YearsAhead"/> ahead. Once the kept window ends within <see cref="Renewal"/>, the next poll
/// starts a round over a new window (its events are matched by identity), so the future stays covered.
/// Pages are current versions (<see cref="PolledPage.CurrentVersions"/>): an edited event replaces its
/// record. A removed event (<c>@removed</c>) keeps its record, marked deleted at the source (found by the
/// <c>eventId</c> its source keeps), and a cancelled one (<c>isCancelled</c>) is marked cancelled; an event
/// seen again as it is clears its mark (<see cref="SourceMark"/>). An occurrence of a series is no record
/// of its own: its master is (<see cref="GraphSeriesMasters"/>).
/// </summary>
internal static class GraphCalendarView
{
    public const string FormatId = "microsoft.graph.events";

    public const int YearsBack = 5;

    public const int YearsAhead = 1;

    public static readonly TimeSpan Renewal = TimeSpan.FromDays(180);

    /// <summary>Events a page holds: they need no request each (a series' master one a poll), so a page is cheap.</summary>
    private const int PageSize = 50;

    public static async IAsyncEnumerable<PolledPage> PagesAsync(
        ProviderClient client, StrongBox<JsonObject> cursor, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (kept, keptEnd) = GraphCursor.CalendarOf(cursor.Value!);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var (start, end) = (today.AddYears(-YearsBack), today.AddYears(YearsAhead));
        if (kept is not null && keptEnd is { } windowEnd && !(kept.IsDelta && windowEnd - Renewal < now))
        {
            end = windowEnd;
        }
        else
        {
            kept = null;
        }

        var first = $"me/calendarView/delta?startDateTime={Stamp(start)}&endDateTime={Stamp(end)}";
        var zones = new TimeZoneResolver();
        var masters = new GraphSeriesMasters(client, zones);
        await foreach (var page in GraphDeltaSweep.PagesAsync(client, kept, first, PageSize, optional: false, cancellationToken))
        {
            var records = await RecordsAsync(page, masters, zones, cancellationToken);
            cursor.Value = GraphCursor.WithCalendar(cursor.Value!, page.Link, end);
            yield return new PolledPage(MicrosoftGraphProvider.Source, FormatId, page.Request, records, cursor.Value, CurrentVersions: true)
            {
                Marks = [.. GraphDeltaPage.Removals(page, RecordKind.CalendarEvent), .. records.Where(GraphEvent.IsCancelled).Select(Cancellation)],
                ProviderIdKey = GraphEvent.IdKey,
            };
        }
    }

    /// <summary>An event cancelled by its organizer stays in the attendee's calendar, and its record is marked cancelled.</summary>
    private static SourceMark Cancellation(PersonalRecord record) => SourceMark.ByIdentity(record.Kind, record.Identity, "cancelled");

    /// <summary>The event's <c>iCalUId</c>, which every event has.</summary>
    public static string Uid(JsonObject item, string where) =>
        ProviderJson.Text(item["iCalUId"]) is { Length: > 0 } uid ? uid : throw new ProviderResponseException($"{where} has no iCalUId.");

    /// <summary>A page's records, once per identity: single events, series' masters, exceptions; no occurrence, no removed event.</summary>
    private static async Task<List<PersonalRecord>> RecordsAsync(GraphDeltaPage page, GraphSeriesMasters masters, TimeZoneResolver zones, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, PersonalRecord>(StringComparer.Ordinal);
        foreach (var item in page.Entries.Where(entry => !GraphDeltaPage.IsRemoved(entry)))
        {
            var where = $"the event '{ProviderJson.Text(item["id"]) ?? "(no id)"}' of {page.Request}";
            var type = ProviderJson.Text(item["type"]) ?? "singleInstance";
            if (type is "singleInstance" or "seriesMaster")
            {
                var record = GraphEvent.Record(item, Uid(item, where), null, zones, where);
                records[record.Identity] = record;
                continue;
            }

            var masterId = ProviderJson.Text(item["seriesMasterId"]) ?? throw new ProviderResponseException($"{where} is an {type} without a seriesMasterId.");
            if (await masters.FindAsync(masterId, cancellationToken) is not { } master)
            {
                continue;
            }

            records.TryAdd(master.Record.Identity, master.Record);
            if (type == "exception")
            {
                var exception = GraphEvent.Record(item, master.Uid, GraphEvent.OriginalStartKey(item, zones, where), zones, where);
                records[exception.Identity] = exception;
            }
        }

        return [.. records.Values];
    }

    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
