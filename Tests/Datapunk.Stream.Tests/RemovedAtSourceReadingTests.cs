using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Lake.Reading;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// A record marked removed at its source as the readers give it: the records API and the timeline carry
/// <c>removedAtSource</c> (a field added to their JSON), and the daily <c>records</c> metric does not count
/// a cancelled calendar event as having happened.
/// </summary>
public sealed class RemovedAtSourceReadingTests : GoogleCalendarEngineTest
{
    [Fact]
    public async Task A_cancelled_event_is_read_marked_by_records_and_the_timeline_and_not_counted_by_the_records_metric()
    {
        var (userId, account, key) = await ConnectedAsync(account => account
            .Put(account.Email, Event("lunch", "lunch@google.com", "Lunch", At("2026-03-02T12:00:00Z", "UTC"), At("2026-03-02T13:00:00Z", "UTC")))
            .Put(account.Email, Event("talk", "talk@google.com", "Talk", At("2026-03-02T15:00:00Z", "UTC"), At("2026-03-02T16:00:00Z", "UTC"))));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(2);
        account.Delete(account.Email, "lunch");
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();
        var seen = await UserRows.ScalarAsync<DateTime>(userId, "SELECT removed_at_source FROM user_data.records WHERE user_id = $1 AND title = 'Lunch'", userId);
        var login = await StreamDatabase.SiloLoginAsync();

        var records = await new RecordsReader(login).GetAsync(userId, [new("calendar_events", "ical:lunch@google.com"), new("calendar_events", "ical:talk@google.com")], Cancel);
        records.Select(r => r.RemovedAtSource).ShouldBe([new SourceRemoval(new DateTimeOffset(seen, TimeSpan.Zero), "cancelled"), null]);
        JsonSerializer.Serialize(records[0], JsonSerializerOptions.Web).ShouldContain($$"""
            "removedAtSource":{"at":"{{seen:yyyy-MM-ddTHH:mm:ss.FFFFFFF}}+00:00","reason":"cancelled"}
            """.Trim());

        var day = await new TimelineReader(login, new NoLocalZoneSpans(), new NoPlaceNames())
            .ReadAsync(userId, new TimelineQuery(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), "UTC", 100, null), Cancel);
        day.Entries.Select(e => $"{e.Title} {e.RemovedAtSource?.Reason ?? "-"}").ShouldBe(["Lunch cancelled", "Talk -"], "a cancelled event stays on its day, marked");

        var counted = await new DailyStatsReader(login, new NoLocalZoneSpans())
            .ReadAsync(userId, new DailyStatsQuery("records", "calendar_events", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), "UTC"), Cancel);
        counted.Days.Single().Value.ShouldBe(1, "the talk happened, the cancelled lunch did not");
    }
}
