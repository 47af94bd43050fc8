using System.Text;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a Google Calendar connection against the fake Calendar API: a full synchronization stores
/// every event once with its lineage and keeps each calendar's sync token; later polls read only what
/// changed; an expired sync token (410) means a full synchronization again without duplicates; a poll
/// cut after a page goes on from its page token; events get the identities the Takeout .ics reader gives.
/// </summary>
public sealed class GoogleCalendarPollingTests : GoogleCalendarEngineTest
{
    private const string Team = "team-x@group.calendar.google.com";
    private const string Holidays = "en.german#holiday@group.v.calendar.google.com";

    [Fact]
    public async Task A_full_sync_stores_every_event_of_every_readable_calendar_once_with_its_lineage_and_keeps_the_sync_tokens()
    {
        Google.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            Fill(account, account.Email, 5);
            account.Calendar(Team, "Team").Calendar(Holidays, "Holidays in Germany").Calendar("busy@example.com", "Colleague", accessRole: "freeBusyReader");
            Fill(account, Team, 1);
            account.Put(Holidays, Event("h1", "20261225_holiday@google.com", "Christmas Day", OnDay("2026-12-25"), OnDay("2026-12-26")));
            account.Put("busy@example.com", Event("b1", "busy@google.com", "Busy", At("2026-03-02T10:00:00Z"), At("2026-03-02T11:00:00Z")));
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.NewRecords.ShouldBe(7);
        result.Pages.ShouldBe(5, "three pages of two for the primary calendar's five events, one each for the others");
        (await IdentitiesAsync(userId)).Count.ShouldBe(7);
        var requests = Requests();
        // System.Uri writes an escaped '@' back as '@', which a path segment may hold (RFC 3986 pchar).
        requests.ShouldContain("/calendar/v3/calendars/team-x@group.calendar.google.com/events?maxResults=250&showDeleted=false&singleEvents=false");
        requests.ShouldContain(r => r.StartsWith("/calendar/v3/calendars/en.german%23holiday@group.v.calendar.google.com/events?", StringComparison.Ordinal),
            "a '#' in a calendar id is escaped, else the rest would be a fragment");
        requests.ShouldNotContain(r => r.Contains("busy", StringComparison.Ordinal), "a free/busy-only calendar is not listed, so not read");
        requests.Count(r => r.Contains("pageToken=", StringComparison.Ordinal) && !r.Contains("calendarList", StringComparison.Ordinal)).ShouldBe(2);

        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        var calendars = row.Cursor["calendars"].ShouldBeOfType<JsonObject>();
        calendars.Count.ShouldBe(3);
        calendars.ShouldAllBe(c => c.Value!["syncToken"] != null && c.Value!["pageToken"] == null, calendars.ToJsonString());

        (await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.source || ' ' || f.format_id || ' ' || j.status, ',')
            FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id JOIN imports.jobs j ON j.import_id = f.import_id
            WHERE r.user_id = $1
            """, userId)).ShouldBe("google-calendar-api google.calendar.api.events Streaming");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                || '|' || (source->>'allDay') || '|' || (source->>'calendar') || '|' || url
            FROM user_data.records WHERE user_id = $1 AND identity = 'ical:20261225_holiday@google.com'
            """, userId)).ShouldBe("Christmas Day|2026-12-25 00:00|2026-12-26 00:00|true|Holidays in Germany|https://www.google.com/calendar/event?eid=h1");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || body || '|' || (source->'attendees'->0->>'status') || '|' || (source->>'calendarTimeZone')
            FROM user_data.records WHERE user_id = $1 AND identity = 'ical:e0@google.com'
            """, userId)).ShouldBe("2026-03-02 09:00|Agenda\nBudget|ACCEPTED|Europe/Berlin", "10:00 in Berlin is 09:00 UTC; the HTML description is plain text");
    }

    [Fact]
    public async Task A_later_poll_reads_only_what_changed_by_its_sync_token_stores_the_new_event_takes_the_edited_one_and_no_cancelled_one()
    {
        var (userId, account, key) = await ConnectedAsync(account => Fill(account, account.Email, 3));
        var poller = Engine.Get<ConnectionPoller>();
        await poller.PollAsync(key, Cancel);
        var before = Requests().Count;
        var firstFile = await UserRows.FileOfAsync(userId, "ical:e1@google.com");

        account.Put(account.Email, Event("new", "new@google.com", "New", At("2026-04-01T10:00:00+02:00"), At("2026-04-01T11:00:00+02:00")));
        account.Put(account.Email, Event("e1", "e1@google.com", "Renamed", At("2026-03-03T10:00:00+01:00"), At("2026-03-03T11:00:00+01:00")));
        account.Delete(account.Email, "e2");
        account.Put(account.Email, Event("gone", "gone@google.com", "Made and deleted", At("2026-04-02T10:00:00Z"), At("2026-04-02T11:00:00Z")));
        account.Delete(account.Email, "gone");
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(1, "the new event; the renamed one is stored already, the cancelled ones are not stored");
        next.UpdatedRecords.ShouldBe(1, "the renamed event's record takes its new version");
        var events = Requests().Skip(before).Where(r => r.Contains("/events", StringComparison.Ordinal)).ToList();
        events.Count.ShouldBe(1);
        events[0].ShouldContain("&syncToken=");
        (await IdentitiesAsync(userId)).ShouldBe(["ical:e0@google.com", "ical:e1@google.com", "ical:e2@google.com", "ical:new@google.com"],
            "a deleted event's record stays, marked cancelled (GoogleCalendarRemovalTests)");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || (source->>'summary')
            FROM user_data.records WHERE user_id = $1 AND identity = 'ical:e1@google.com'
            """, userId)).ShouldBe("Renamed|2026-03-03 09:00|Renamed", "the edited event's record has its new title, time and source");
        (await UserRows.FileOfAsync(userId, "ical:e1@google.com")).ShouldNotBe(firstFile, "its lineage points to the page that brought the new version");
        (await UserRows.ScalarAsync<string>(userId, "SELECT counts->>'updated' FROM imports.files WHERE user_id = $1 AND file_id = $2", userId, await UserRows.FileOfAsync(userId, "ical:e1@google.com")))
            .ShouldBe("1");
    }

    [Fact]
    public async Task An_expired_sync_token_means_a_full_sync_again_that_stores_no_duplicate()
    {
        var (userId, account, key) = await ConnectedAsync(account => Fill(account, account.Email, 4));
        var poller = Engine.Get<ConnectionPoller>();
        await poller.PollAsync(key, Cancel);
        var before = Requests().Count;
        Google.ExpireSyncTokens();
        account.Put(account.Email, Event("late", "late@google.com", "Late", At("2026-05-01T10:00:00+02:00"), At("2026-05-01T11:00:00+02:00")));

        var resynced = await poller.PollAsync(key, Cancel);
        var settled = await poller.PollAsync(key, Cancel);

        resynced.Succeeded.ShouldBeTrue(resynced.Error);
        resynced.NewRecords.ShouldBe(1);
        var events = Requests().Skip(before).Where(r => r.Contains("/events", StringComparison.Ordinal)).ToList();
        events.Count.ShouldBe(3, string.Join("\n", events));
        events[0].ShouldContain("&syncToken=", Case.Sensitive, "the first asks with the expired token (410)");
        events[1].ShouldNotContain("syncToken", Case.Sensitive, "then a full synchronization");
        events[2].ShouldContain("&syncToken=", Case.Sensitive, "and the next poll uses the new token");
        resynced.UpdatedRecords.ShouldBe(0, "a full synchronization reads every event again, and the unchanged ones change nothing");
        settled.Succeeded.ShouldBeTrue(settled.Error);
        settled.NewRecords.ShouldBe(0);
        (await IdentitiesAsync(userId)).Count.ShouldBe(5);
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(5);
    }

    [Fact]
    public async Task A_poll_cut_after_a_page_goes_on_from_its_page_token_without_loss_or_duplicates()
    {
        Google.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account => Fill(account, account.Email, 5));
        var poller = Engine.Get<ConnectionPoller>();
        Google.FaultOn("pageToken=", 400);

        var cut = await poller.PollAsync(key, Cancel);

        cut.Succeeded.ShouldBeFalse("the second page was refused");
        (await IdentitiesAsync(userId)).Count.ShouldBe(2, "the first page was stored");
        var before = Requests().Count;

        var resumed = await poller.PollAsync(key, Cancel);

        resumed.Succeeded.ShouldBeTrue(resumed.Error);
        resumed.NewRecords.ShouldBe(3);
        var events = Requests().Skip(before).Where(r => r.Contains("/events", StringComparison.Ordinal)).ToList();
        events.Count.ShouldBe(2, string.Join("\n", events));
        events.ShouldAllBe(r => r.Contains("pageToken=", StringComparison.Ordinal), "the sync goes on at the page it stopped at, not from the start");
        (await IdentitiesAsync(userId)).Count.ShouldBe(5);
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(0);
    }

    [Fact]
    public async Task Events_get_the_identities_the_Takeout_ics_reader_gives_recurring_master_and_overridden_instance_apart_and_a_cancelled_instance_none()
    {
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            var master = Event("standup", "standup-7@google.com", "Standup", At("2026-01-05T09:00:00+01:00"), At("2026-01-05T09:15:00+01:00"));
            master["recurrence"] = new JsonArray("RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;TZID=Europe/Berlin:20260119T090000");
            account.Put(account.Email, master);
            var moved = Event("standup_20260112T080000Z", "standup-7@google.com", "Standup (moved)", At("2026-01-12T10:00:00+01:00"), At("2026-01-12T10:15:00+01:00"));
            moved["recurringEventId"] = "standup";
            moved["originalStartTime"] = At("2026-01-12T09:00:00+01:00");
            account.Put(account.Email, moved);
            var cancelled = Event("standup_20260126T080000Z", "standup-7@google.com", "Standup", At("2026-01-26T09:00:00+01:00"), At("2026-01-26T09:15:00+01:00"));
            cancelled["status"] = "cancelled";
            cancelled["recurringEventId"] = "standup";
            cancelled["originalStartTime"] = At("2026-01-26T09:00:00+01:00");
            account.Put(account.Email, cancelled);
            account.Put(account.Email, Event("bday", "bday@google.com", "Birthday", OnDay("2026-03-10"), OnDay("2026-03-11")));
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        var polled = await IdentitiesAsync(userId);
        polled.ShouldBe(["ical:bday@google.com", "ical:standup-7@google.com", "ical:standup-7@google.com#20260112T080000Z"],
            "the master, its overridden instance by its original start in UTC, the all-day event; the cancelled instance is no record");
        (await UserRows.ScalarAsync<string>(userId, "SELECT source->>'rrule' FROM user_data.records WHERE user_id = $1 AND identity = 'ical:standup-7@google.com'", userId))
            .ShouldBe("""["FREQ=WEEKLY;BYDAY=MO"]""");

        // The same events as Google's Takeout writes them: the import would store nothing of them again.
        var ics = """
            BEGIN:VCALENDAR
            X-WR-CALNAME:alice@example.com
            X-WR-TIMEZONE:Europe/Berlin
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20260105T090000
            DTEND;TZID=Europe/Berlin:20260105T091500
            RRULE:FREQ=WEEKLY;BYDAY=MO
            EXDATE;TZID=Europe/Berlin:20260119T090000
            UID:standup-7@google.com
            SUMMARY:Standup
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20260112T100000
            DTEND;TZID=Europe/Berlin:20260112T101500
            RECURRENCE-ID;TZID=Europe/Berlin:20260112T090000
            UID:standup-7@google.com
            SUMMARY:Standup (moved)
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20260310
            DTEND;VALUE=DATE:20260311
            UID:bday@google.com
            SUMMARY:Birthday
            END:VEVENT
            END:VCALENDAR
            """.ReplaceLineEndings("\r\n");
        var sink = new CollectedRecords("Calendar/alice@example.com.ics");
        await new IcsCalendarReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(ics)), sink, Cancel);

        sink.Problems.ShouldBeEmpty();
        sink.Records.Select(r => r.Identity).Order(StringComparer.Ordinal).ShouldBe(polled);
        sink.Records.Select(r => $"{r.OccurredAt:s}/{r.EndedAt:s}").Order(StringComparer.Ordinal).ShouldBe(
            await UserRows.TimesAsync(userId), Case.Sensitive, "the polled events have the imported ones' times");
    }

    /// <summary><paramref name="count"/> events <c>e0</c>… (uid <c>e{i}@google.com</c>), one a day from 2 March 2026 at 10:00 in Berlin.</summary>
    private static void Fill(FakeGoogleCalendarAccount account, string calendarId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = calendarId == account.Email ? $"e{i}" : $"{calendarId[..4]}{i}";
            var day = $"2026-03-{2 + i:00}";
            var resource = Event(id, $"{id}@google.com", $"Event {i}", At($"{day}T10:00:00+01:00"), At($"{day}T11:00:00+01:00"));
            resource["description"] = "<b>Agenda</b><br>Budget";
            resource["attendees"] = new JsonArray(new JsonObject { ["email"] = account.Email, ["responseStatus"] = "accepted", ["self"] = true });
            account.Put(calendarId, resource);
        }
    }
}
