using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Calendar;
using Datapunk.Lake.Tests.Formats.TextCodecs;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Calendar;

public sealed class IcsCalendarReaderTests
{
    private static readonly string[] FixturePath = ["google.calendar.ics", "Calendar", "max.mustermann@gmail.com.ics"];

    private readonly IcsCalendarReader _reader = new();

    [Fact]
    public async Task Emits_one_record_per_vevent_with_utc_times_from_every_time_form()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath));

        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("google");
        sink.Records.Count.ShouldBe(6);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.CalendarEvent);
        sink.Records.Select(r => (r.Identity, r.Title, r.OccurredAt, r.EndedAt)).ShouldBe(
        [
            ("ical:7kukuqrfedlm2f9t0vdte0ue1c@google.com", "Quarterly planning", Utc(2024, 1, 15, 9, 0), Utc(2024, 1, 15, 10, 0)),
            ("ical:weekly-standup-42@google.com#20240213T083000Z", "Team standup (moved)", Utc(2024, 2, 13, 9, 0), Utc(2024, 2, 13, 10, 0)),
            ("ical:weekly-standup-42@google.com", "Team standup", Utc(2024, 2, 6, 8, 30), Utc(2024, 2, 6, 8, 45)),
            ("ical:birthday-juergen@google.com", "Geburtstag von Jürgen", Utc(2024, 3, 10, 0, 0), Utc(2024, 3, 11, 0, 0)),
            ("ical:floating-dinner@google.com", "Dinner", Utc(2024, 7, 4, 16, 30), Utc(2024, 7, 4, 18, 0)),
            ("ical:run-2024@google.com", "Run, then breakfast; bring shoes", Utc(2024, 9, 1, 7, 0), Utc(2024, 9, 1, 8, 30)),
        ]);
    }

    [Fact]
    public async Task Keeps_html_descriptions_as_text_and_people_location_and_metadata_in_the_source()
    {
        var planning = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records[0];

        planning.Text.ShouldBe("Agenda\nBudget 2024\nHiring\nJoin: meet.google.com/abc-defg-hij");
        var source = planning.Source!;
        ((string?)source["description"]).ShouldStartWith("<b>Agenda</b><br><ul>");
        ((string?)source["location"]).ShouldBe("Konferenzraum 3, Marienplatz 1, 80331 München");
        ReaderRuns.Json(source["organizer"]).ShouldBe("""{"email":"anna@example.com","name":"Anna Schmidt","status":null,"role":null}""");
        ReaderRuns.Json(source["attendees"]).ShouldBe(
            """[{"email":"max.mustermann@gmail.com","name":"Max Mustermann","status":"ACCEPTED","role":"REQ-PARTICIPANT"},"""
            + """{"email":"anna@example.com","name":"anna@example.com","status":"NEEDS-ACTION","role":"REQ-PARTICIPANT"}]""");
        ((int?)source["sequence"]).ShouldBe(2);
        ((string?)source["status"]).ShouldBe("CONFIRMED");
        ((string?)source["created"]).ShouldBe("2023-12-20T10:15:00.0000000Z");
        ((string?)source["calendar"]).ShouldBe("max.mustermann@gmail.com");
        ((string?)source["calendarTimeZone"]).ShouldBe("Europe/Berlin");
        ((bool?)source["allDay"]).ShouldBe(false);
    }

    [Fact]
    public async Task Keeps_recurrence_rules_unexpanded_and_overrides_as_their_own_records()
    {
        var records = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records;

        var master = records[2];
        Strings(master.Source!["rrule"]).ShouldBe(["FREQ=WEEKLY;WKST=MO;UNTIL=20240430T073000Z;BYDAY=TU"]);
        Strings(master.Source["exdate"]).ShouldBe(["20240220T083000Z", "20240227T083000Z"]);
        ReaderRuns.Json(master.Source["start"]).ShouldBe("""{"value":"20240206T093000","tzid":"Europe/Berlin"}""");
        master.Text.ShouldBe("Daily sync; keep it short.\nNotes: https://docs.example.com/standup");

        var moved = records[1];
        ((string?)moved.Source!["recurrenceId"]).ShouldBe("20240213T083000Z");
        moved.Source["rrule"]!.AsArray().ShouldBeEmpty();

        var birthday = records[3];
        ((bool?)birthday.Source!["allDay"]).ShouldBe(true);
        Strings(birthday.Source["rrule"]).ShouldBe(["FREQ=YEARLY"]);
    }

    [Fact]
    public async Task Reads_durations_escapes_and_geo_and_ignores_alarm_properties()
    {
        var run = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records[5];

        run.Text.ShouldBe("Route:\nEnglischer Garten → Chinesischer Turm", "the VALARM's DESCRIPTION belongs to the alarm");
        (run.LatitudeE7, run.LongitudeE7).ShouldBe((481520000, 115920000));
        ((string?)run.Source!["duration"]).ShouldBe("PT1H30M");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task A_trickling_stream_gives_the_same_records(int bytesPerRead)
    {
        var bytes = ReaderRuns.Fixture(FixturePath);

        var trickled = await ReaderRuns.ReadAsync(_reader, bytes, bytesPerRead);

        ReaderRuns.Snapshot(trickled).ShouldBe(ReaderRuns.Snapshot(await ReaderRuns.ReadAsync(_reader, bytes)));
    }

    [Fact]
    public async Task Reads_lf_line_endings_the_same_as_crlf()
    {
        var crlf = ReaderRuns.Fixture(FixturePath);
        // Bytes, not text: the fixture folds inside a UTF-8 character, which a string round trip would destroy.
        var lf = crlf.Where((b, i) => !(b == '\r' && i + 1 < crlf.Length && crlf[i + 1] == '\n')).ToArray();

        var fromLf = (await ReaderRuns.ReadAsync(_reader, lf)).Records;

        fromLf.Select(r => (r.Identity, r.Title, r.Text, r.OccurredAt))
            .ShouldBe((await ReaderRuns.ReadAsync(_reader, crlf)).Records.Select(r => (r.Identity, r.Title, r.Text, r.OccurredAt)));
    }

    [Fact]
    public void Detects_calendars_by_their_first_line_and_by_name()
    {
        FormatHarness.Detect(_reader, "Takeout/Calendar/Privat.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Kalender/Privat", "\uFEFF\r\nbegin:vcalendar\n").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Calendar/empty.ics", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Contacts/a.vcf", "BEGIN:VCARD\r\n").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/notes.txt", "BEGIN:VCALENDARS are fun").ShouldBe(FormatMatch.None);
    }

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static List<string?> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string?)n)];
}
