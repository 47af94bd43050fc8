using Datapunk.Lake.Formats.OwnTracks;
using Datapunk.Lake.Tests.Support;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Formats.OwnTracks;

public sealed class OwnTracksRecorderReaderTests
{
    private const string Fixture = "2019-07.rec";

    private readonly OwnTracksRecorderReader _reader = new();

    [Fact]
    public async Task Reads_locations_counts_other_messages_and_refuses_a_broken_line()
    {
        var sink = await ReadFixtureAsync(_reader, Fixture);

        sink.Locations.ShouldBe(
        [
            new LocationFix(Utc(2019, 7, 1, 10, 12, 45), 500506312, 143439906, AccuracyMeters: 12, AltitudeMeters: 251, VelocityMps: 0, Source: "owntracks") { TimeDigits = 0 },
            new LocationFix(Utc(2019, 7, 1, 10, 20), 500700000, 143900000, 5, 260, VelocityMps: 15, Heading: 87, Source: "owntracks") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2019, 7, 1, 10, 40), 500890000, 144220000, 6, 255, VelocityMps: 5, Heading: 270, Source: "owntracks") { CoordinateDigits = 6, TimeDigits = 0 },
        ]);
        sink.Warnings.ShouldBe(
        [
            "Skipped 3 message(s) that are not locations (lwt: 1, transition: 1, waypoint: 1); recorder files normally hold them, they are not errors.",
        ]);
        sink.Rejections.ShouldBe(
            [(RejectReason.Unparseable, "Line 5 is not valid JSON at column 111 ('8' is an invalid end of a number. Expected a delimiter); it was not stored.")]);
        sink.Records.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("recorder-tab");
    }

    [Fact]
    public async Task Reads_older_space_separated_files_with_crlf_and_a_bom()
    {
        const string rec =
            "\uFEFF2015-09-04T09:55:15Z * {\"_type\":\"location\",\"lat\":\"52.5200\",\"lon\":13.405,\"tst\":1441360515,\"acc\":30,\"newField\":[1]}\r\n" +
            "\r\n" +
            "2015-09-04T10:00:00Z * {\"_type\":\"location\",\"lat\":52.52,\"lon\":13.41,\"newField\":[2]}\r\n" +
            "2015-09-04T10:05:00Z * not json at all\r\n" +
            "2015-09-04T10:06:00Z * {\"_type\":\"location\",\"lat\":95,\"lon\":13.41,\"tst\":1441361160}\r\n" +
            "2015-09-04T10:07:00Z * {\"lat\":52.52,\"lon\":13.41,\"tst\":1441361220}";

        var sink = await ReadAsync(_reader, rec);

        sink.Locations.ShouldBe(
        [
            new LocationFix(Utc(2015, 9, 4, 9, 55, 15), 525200000, 134050000, 30, Source: "owntracks") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2015, 9, 4, 10, 0), 525200000, 134100000, Source: "owntracks") { CoordinateDigits = 6, TimeDigits = 0 },

            // Off the map: the import's sink refuses it as coordinates_out_of_range, like every reader's.
            new LocationFix(Utc(2015, 9, 4, 10, 6), 950000000, 134100000, Source: "owntracks") { CoordinateDigits = 6, TimeDigits = 0 },
        ]);
        sink.UnknownFields.ShouldBe([("location.newField", "[…]")]);
        sink.Rejections.ShouldBe([(RejectReason.Unparseable, "Line 4 has no JSON message; it was not stored.")]);
        sink.Warnings.ShouldBe(
        [
            "Skipped 1 message(s) that are not locations ((no _type): 1); recorder files normally hold them, they are not errors.",
        ]);
        sink.Variant.ShouldBe("recorder-space");
    }

    [Fact]
    public async Task Refuses_every_broken_line_by_its_number()
    {
        var rec = string.Concat(Enumerable.Range(0, 60).Select(i => $"2019-07-01T10:00:{i % 60:00}Z\t*\t{{\"_type\":\"location\",\n"));

        var sink = await ReadAsync(_reader, rec);

        sink.Warnings.ShouldBeEmpty();
        sink.Rejections.Count.ShouldBe(60);
        sink.Rejections.ShouldAllBe(rejection => rejection.Reason == RejectReason.Unparseable);
        sink.Rejections[0].Message.ShouldStartWith("Line 1 is not valid JSON");
        sink.Rejections[^1].Message.ShouldStartWith("Line 60 is not valid JSON");
    }

    [Fact]
    public async Task Reads_the_same_at_every_buffer_boundary() =>
        await ShouldReadTheSameAtEveryBufferBoundaryAsync(_reader, await BytesAsync(_reader, Fixture));

    [Fact]
    public void Detects_recorder_lines_by_content_and_rec_files_by_name()
    {
        FormatHarness.Detect(_reader, "store/rec/jan/phone/2019-07.log", "2019-07-01T10:12:45Z\t*                 \t{\"_type\":\"location\",\"lat\":1}\n")
            .ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "2015-09.rec", "\uFEFF2015-09-04T09:55:15Z * {\"_type\":\"lwt\"}").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "2015-09.rec", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "notes.txt", "2019-07-01T10:12:45Z nothing to see {\"a\":1}").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "History.json", """{"_type":"location","time":"2019-07-01T10:12:45Z"}""").ShouldBe(FormatMatch.None);
    }
}
