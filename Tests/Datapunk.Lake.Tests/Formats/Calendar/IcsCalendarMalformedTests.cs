using Datapunk.Lake.Formats.Calendar;
using Datapunk.Lake.Tests.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.Calendar;

public sealed class IcsCalendarMalformedTests
{
    private const string Event = "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20240101T100000Z\r\nSUMMARY:ok\r\nEND:VEVENT\r\n";

    private readonly IcsCalendarReader _reader = new();

    [Fact]
    public async Task An_event_cut_off_by_the_end_of_the_file_is_rejected_as_truncated_with_its_offset()
    {
        var head = "BEGIN:VCALENDAR\r\n" + Event;

        var sink = await ReaderRuns.ReadAsync(_reader, head + "BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:2024", bytesPerRead: 5);

        sink.Records.Select(r => r.Identity).ShouldBe(["ical:ok"]);
        sink.Rejections.ShouldBe([(RejectReason.Truncated, $"The event at byte {head.Length} is truncated: the file ends before its END:VEVENT; it was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_event_without_end_before_the_next_one_is_rejected_as_truncated_and_the_next_one_read()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:open\r\n" + Event + "END:VCALENDAR\r\n");

        sink.Records.Select(r => r.Identity).ShouldBe(["ical:ok"]);
        sink.Rejections.ShouldBe([(RejectReason.Truncated, "The event at byte 17 has no END:VEVENT before the next event at byte 41; it was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_event_closed_by_the_end_of_its_calendar_is_rejected_as_truncated()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, Calendar(Event) + Calendar("BEGIN:VEVENT\r\nUID:open\r\n"));

        sink.Records.Select(r => r.Identity).ShouldBe(["ical:ok"]);
        sink.Rejections.ShouldBe([(RejectReason.Truncated, "The event at byte 121 is not closed before END:VCALENDAR at byte 145; it was skipped.")]);
    }

    [Fact]
    public async Task Bad_lines_unknown_zones_and_missing_uids_are_warnings_not_failures()
    {
        const string ics = "BEGIN:VCALENDAR\nX-WR-TIMEZONE:Mars/Olympus_Mons\nBEGIN:VEVENT\nthis line has no colon\nDTSTART;TZID=Nowhere/City:20240101T100000\n"
            + "DTEND:garbage\nSUMMARY:no uid\nX-GOOGLE-CONFERENCE:https://meet.google.com/x\nSTRUCTURED-DATA;VALUE=URI:https://x.example/e.json\nEND:VEVENT\nEND:VTODO\nEND:VCALENDAR\n";

        var sink = await ReaderRuns.ReadAsync(_reader, ics);

        var record = sink.Records.Single();
        record.OccurredAt.ShouldBe(new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc), "an unknown zone is read as UTC");
        record.EndedAt.ShouldBeNull();
        record.Identity.ShouldBe(RecordIdentity.FromContent("ical", record.OccurredAt, "no uid", null));
        sink.Warnings.ShouldBe(
        [
            "The calendar time zone 'Mars/Olympus_Mons' at byte 16 is unknown; floating times are read as UTC.",
            "The line at byte 61 is not an iCalendar content line and was skipped: 'this line has no colon'.",
            "The time zone 'Nowhere/City' (first at byte 84) is unknown; its times are read as UTC.",
            "The event at byte 48 has an unreadable DTEND 'garbage'.",
            "The event at byte 48 has no UID; its identity is taken from its start and summary.",
            "END:VTODO at byte 263 closes nothing and was ignored.",
        ]);
        sink.UnknownFields.ShouldBe([("VEVENT.STRUCTURED-DATA", "https://x.example/e.json")], "X- properties are vendor extensions, not schema drift");
    }

    [Fact]
    public async Task A_file_that_is_not_a_calendar_is_an_error_with_the_offset()
    {
        var error = await Should.ThrowAsync<ExportFormatException>(() => ReaderRuns.ReadAsync(_reader, "\r\n\r\nBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n"));

        error.ByteOffset.ShouldBe(4);
    }

    [Fact]
    public async Task Hostile_nesting_is_an_error_not_a_stack_overflow()
    {
        var ics = "BEGIN:VCALENDAR\n" + string.Concat(Enumerable.Repeat("BEGIN:X\n", 20));

        var error = await Should.ThrowAsync<ExportFormatException>(() => ReaderRuns.ReadAsync(_reader, ics));

        error.ByteOffset.ShouldBe(16 + (7 * 8));
    }

    private static string Calendar(string events) => "BEGIN:VCALENDAR\r\n" + events + "END:VCALENDAR\r\n";
}
