using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a Microsoft connection's calendar against the fake Graph: a full round follows the nextLinks
/// and keeps the deltaLink; the next poll asks the deltaLink and gets only changes (a new event stored, an
/// edited one replacing its record, a removed one kept); an expired delta link (410) means one full round
/// again storing nothing twice; a series is its master and its exceptions, with the identities the .ics
/// import gives the same events.
/// </summary>
public sealed class MicrosoftGraphCalendarTests : MicrosoftGraphEngineTest
{
    [Fact]
    public async Task A_full_round_follows_the_next_links_stores_every_event_once_with_its_lineage_and_keeps_the_delta_link()
    {
        Graph.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            Fill(account, 5);
            account.PutEvent(Event("old", "uid-old", "Too old", "2015-01-01T09:00:00", "2015-01-01T10:00:00"));
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        (await EventsAsync(userId)).ShouldBe(["ical:uid-0", "ical:uid-1", "ical:uid-2", "ical:uid-3", "ical:uid-4"], "the event before the window is not in the view");
        var calendar = Requests(part: "/calendarView/");
        calendar.Count.ShouldBe(3, string.Join("\n", calendar));
        calendar[0].ShouldStartWith("/v1.0/me/calendarView/delta?startDateTime=");
        var window = QueryOf(calendar[0]);
        (DateTimeOffset.Parse(window["endDateTime"]!, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(window["startDateTime"]!, CultureInfo.InvariantCulture))
            .TotalDays.ShouldBeInRange(365 * 6, 366 * 6 + 2, "five years back, one ahead");
        calendar.Skip(1).ShouldAllBe(r => r.StartsWith("/v1.0/me/calendarView/delta?$skiptoken=", StringComparison.Ordinal), "then the nextLinks");
        Graph.Prefers.ElementAt(Requests().IndexOf(calendar[0])).ShouldBe("odata.maxpagesize=50");

        var cursor = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor["calendar"].ShouldBeOfType<JsonObject>();
        cursor["deltaLink"]!.GetValue<string>().ShouldContain("$deltatoken=");
        cursor.ShouldNotContainKey("nextLink");
        cursor["windowEnd"]!.GetValue<string>().ShouldBe(window["endDateTime"]);
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.source || ' ' || f.format_id || ' ' || j.status, ',')
            FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id JOIN imports.jobs j ON j.import_id = f.import_id
            WHERE r.user_id = $1
            """, userId)).ShouldBe("microsoft-graph-api microsoft.graph.events Streaming");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || to_char(ended_at AT TIME ZONE 'UTC', 'HH24:MI') || '|' || body
                || '|' || (source->>'location') || '|' || (source->'attendees'->0->>'status') || '|' || (source->'attendees'->0->>'role') || '|' || (source->>'transparency')
            FROM user_data.records WHERE user_id = $1 AND identity = 'ical:uid-1'
            """, userId)).ShouldBe("Event 1|2026-03-03 09:00|10:00|Agenda\nBudget|Room 1|ACCEPTED|REQ-PARTICIPANT|OPAQUE");
    }

    [Fact]
    public async Task The_next_poll_asks_the_delta_link_stores_the_new_event_replaces_the_edited_one_and_keeps_the_removed_one()
    {
        var (userId, account, key) = await ConnectedAsync(account => Fill(account, 3));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(3);
        var deltaLink = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor["calendar"]!["deltaLink"]!.GetValue<string>();
        var firstFile = await UserRows.FileOfAsync(userId, "ical:uid-1");
        var before = Requests().Count;

        account.PutEvent(Event("new", "uid-new", "New", "2026-04-01T08:00:00", "2026-04-01T09:00:00"));
        account.PutEvent(Event("e1", "uid-1", "Renamed", "2026-03-03T11:00:00", "2026-03-03T12:00:00"));
        account.DeleteEvent("e2");
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(1, "the new event");
        next.UpdatedRecords.ShouldBe(1, "the renamed event's record takes its new version");
        var calendar = Requests(before, "/calendarView/");
        calendar.ShouldBe([new Uri(deltaLink).PathAndQuery], "only the kept deltaLink is asked");
        (await EventsAsync(userId)).ShouldBe(["ical:uid-0", "ical:uid-1", "ical:uid-2", "ical:uid-new"], "a removed event's record stays");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || (source->>'summary')
            FROM user_data.records WHERE user_id = $1 AND identity = 'ical:uid-1'
            """, userId)).ShouldBe("Renamed|2026-03-03 11:00|Renamed");
        (await UserRows.FileOfAsync(userId, "ical:uid-1")).ShouldNotBe(firstFile, "its lineage points to the page that brought the new version");

        var settled = await poller.PollAsync(key, Cancel);
        settled.NewRecords.ShouldBe(0);
        settled.UpdatedRecords.ShouldBe(0);
    }

    [Fact]
    public async Task An_expired_delta_link_means_one_full_round_again_that_stores_nothing_twice_for_calendar_and_mail()
    {
        var (userId, account, key) = await ConnectedAsync(account =>
        {
            Fill(account, 4);
            account.AddMessage("inbox", Mail(1));
            account.AddMessage("sentitems", Mail(2));
        });
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(6);
        Graph.ExpireDeltaTokens();
        account.PutEvent(Event("late", "uid-late", "Late", "2026-05-01T08:00:00", "2026-05-01T09:00:00"));
        account.AddMessage("inbox", Mail(3));
        var before = Requests().Count;

        var resynced = await poller.PollAsync(key, Cancel);

        resynced.Succeeded.ShouldBeTrue(resynced.Error);
        resynced.NewRecords.ShouldBe(2, "the late event and message 3; the others are matched by identity");
        resynced.UpdatedRecords.ShouldBe(0, "events read again unchanged change nothing");
        var calendar = Requests(before, "/calendarView/");
        calendar.Count.ShouldBe(2, string.Join("\n", calendar));
        calendar[0].ShouldContain("$deltatoken=", Case.Sensitive, "the expired link is asked first (410)");
        calendar[1].ShouldStartWith("/v1.0/me/calendarView/delta?startDateTime=", Case.Sensitive, "then a full round, once");
        var inbox = Requests(before, "/mailFolders/inbox/");
        inbox.Count.ShouldBe(2, string.Join("\n", inbox));
        inbox[1].ShouldBe("/v1.0/me/mailFolders/inbox/messages/delta?$select=id,isDraft,receivedDateTime,conversationId");
        (await AllRecordsAsync(userId)).ShouldBe(8);

        var afterResync = Requests().Count;
        var settled = await poller.PollAsync(key, Cancel);
        settled.Succeeded.ShouldBeTrue(settled.Error);
        settled.NewRecords.ShouldBe(0);
        Requests(afterResync, "/calendarView/").ShouldHaveSingleItem().ShouldContain("$deltatoken=", Case.Sensitive, "the next poll asks the new delta link");
    }

    [Fact]
    public async Task A_round_cut_after_a_page_goes_on_from_its_next_link_without_loss_or_duplicates()
    {
        Graph.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account => Fill(account, 5));
        var poller = Engine.Get<ConnectionPoller>();
        Graph.FaultOn("$skiptoken=", 400);

        var cut = await poller.PollAsync(key, Cancel);

        cut.Succeeded.ShouldBeFalse("the second page was refused");
        (await EventsAsync(userId)).Count.ShouldBe(2, "the first page was stored");
        var before = Requests().Count;

        var resumed = await poller.PollAsync(key, Cancel);

        resumed.Succeeded.ShouldBeTrue(resumed.Error);
        resumed.NewRecords.ShouldBe(3);
        Requests(before, "/calendarView/").ShouldAllBe(r => r.Contains("$skiptoken=", StringComparison.Ordinal), "the round goes on at its nextLink, not from the start");
        (await EventsAsync(userId)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_series_is_its_master_read_once_and_its_exceptions_with_the_identities_the_ics_import_gives_the_same_events()
    {
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            var master = Event("standup", "040000008200E00074C5B7101A82E00800000000D0B6", "Standup", "2026-01-05T08:00:00", "2026-01-05T08:15:00", "seriesMaster");
            master["recurrence"] = JsonNode.Parse("""
                {"pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"], "firstDayOfWeek": "sunday"},
                 "range": {"type": "noEnd", "startDate": "2026-01-05", "recurrenceTimeZone": "W. Europe Standard Time"}}
                """);
            account.PutEvent(master);
            foreach (var day in new[] { "05", "19", "26" })
            {
                account.PutEvent(Instance($"occ-{day}", "occurrence", "Standup", $"2026-01-{day}T08:00:00", $"2026-01-{day}T08:15:00", $"2026-01-{day}T08:00:00Z"));
            }

            account.PutEvent(Instance("moved", "exception", "Standup (moved)", "2026-01-12T09:00:00", "2026-01-12T09:15:00", "2026-01-12T08:00:00Z"));
            var birthday = Event("bday", "bday-uid", "Birthday", "2026-03-10T00:00:00", "2026-03-11T00:00:00");
            birthday["isAllDay"] = true;
            account.PutEvent(birthday);
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        var polled = await EventsAsync(userId);
        polled.ShouldBe(["ical:040000008200E00074C5B7101A82E00800000000D0B6", "ical:040000008200E00074C5B7101A82E00800000000D0B6#20260112T080000Z", "ical:bday-uid"],
            "the master, its exception by its original start in UTC, the all-day event; occurrences are no records");
        Requests(part: "/me/events/").ShouldBe(["/v1.0/me/events/standup"], "the master is read once for its four instances");

        // The same events as an Outlook .ics export writes them: the import would store nothing of them again.
        var ics = """
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20260105T090000
            DTEND;TZID=Europe/Berlin:20260105T091500
            RRULE:FREQ=WEEKLY;BYDAY=MO
            UID:040000008200E00074C5B7101A82E00800000000D0B6
            SUMMARY:Standup
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20260112T100000
            DTEND;TZID=Europe/Berlin:20260112T101500
            RECURRENCE-ID;TZID=Europe/Berlin:20260112T090000
            UID:040000008200E00074C5B7101A82E00800000000D0B6
            SUMMARY:Standup (moved)
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20260310
            DTEND;VALUE=DATE:20260311
            UID:bday-uid
            SUMMARY:Birthday
            END:VEVENT
            END:VCALENDAR
            """.ReplaceLineEndings("\r\n");
        var sink = new CollectedRecords("Calendar/alice@outlook.com.ics");
        await new IcsCalendarReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(ics)), sink, Cancel);

        sink.Problems.ShouldBeEmpty();
        sink.Records.Select(r => r.Identity).Order(StringComparer.Ordinal).ShouldBe(polled);
        sink.Records.Select(r => $"{r.OccurredAt:s}/{r.EndedAt:s}").Order(StringComparer.Ordinal).ShouldBe(await UserRows.TimesAsync(userId), Case.Sensitive, "the same times");
    }

    /// <summary>An instance of the series <c>standup</c> (its own iCalUId, as Graph gives each instance), originally at <paramref name="originalStart"/>.</summary>
    private static JsonObject Instance(string id, string type, string subject, string start, string end, string originalStart)
    {
        var instance = Event(id, $"040000008200E00074C5B7101A82E008{id}", subject, start, end, type);
        instance["seriesMasterId"] = "standup";
        instance["originalStart"] = originalStart;
        instance["originalStartTimeZone"] = "W. Europe Standard Time";
        return instance;
    }

    private static Dictionary<string, string?> QueryOf(string request) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), request).Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());

    /// <summary><paramref name="count"/> events <c>e0</c>… (uid <c>uid-{i}</c>), one a day from 2 March 2026 at 09:00 UTC.</summary>
    private static void Fill(FakeMicrosoftAccount account, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var day = $"2026-03-{2 + i:00}";
            account.PutEvent(Event($"e{i}", $"uid-{i}", $"Event {i}", $"{day}T09:00:00", $"{day}T10:00:00"));
        }
    }
}
