using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Tests.Support;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class TimelineIosReaderTests
{
    private const string Fixture = "location-history.json";

    private readonly TimelineIosReader _reader = new();

    [Fact]
    public async Task Reads_visits_activities_and_path_points_timed_from_the_segment_start()
    {
        var sink = await ReadFixtureAsync(_reader, Fixture);

        sink.Records.Select(r => (r.Kind, r.Title, r.OccurredAt, r.EndedAt, r.LatitudeE7, r.LongitudeE7)).ShouldBe(
        [
            (RecordKind.PlaceVisit, "HOME", Utc(2024, 3, 30, 7, 0), Utc(2024, 3, 30, 8, 30), 473600000, 85300000),
            (RecordKind.ActivitySegment, "IN_PASSENGER_VEHICLE", Utc(2024, 3, 30, 8, 30), Utc(2024, 3, 30, 9, 10), 473600000, 85300000),
            (RecordKind.PlaceVisit, null, Utc(2024, 3, 31, 7, 0), Utc(2024, 3, 31, 16, 0), 473769000, 85417000),
        ]);
        sink.Records[0].Identity.ShouldBe(RecordIdentity.FromContentV2("google.place-visit", "ChIJiosHome", Utc(2024, 3, 30, 7, 0, 0)), "placeID with a capital D is the place id");
        sink.Records[1].Source!["activity"]!["topCandidate"]!["type"]!.GetValue<string>().ShouldBe("in passenger vehicle", "the source keeps the original spelling");
        sink.Locations.ShouldBe(
        [
            new LocationFix(Utc(2024, 3, 30, 8, 29), 473600000, 85300000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 8, 45), 473680000, 85360000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 9, 8), 473769000, 85417000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 31, 16, 0), 473769000, 85417000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 31, 17, 35), 473600000, 85300000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 },
        ]);
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("timeline-ios");
    }

    [Fact]
    public async Task Times_path_points_from_a_start_that_comes_after_them()
    {
        const string json = """
            [{"timelinePath":[{"durationMinutesOffsetFromStartTime":"90","point":"geo:-33.868800,151.209300"}],"endTime":"2024-01-01T12:00:00.000+11:00","startTime":"2024-01-01T10:00:00.000+11:00"},
             {"startTime":"2024-01-01T12:00:00.000+11:00","endTime":"2024-01-01T13:00:00.000+11:00","activity":{"start":"geo:-33.8688,151.2093","topCandidate":{"type":"walking"},"distanceMeters":"812.5","newActivityField":"1"}}]
            """;

        var sink = await ReadAsync(_reader, json);

        sink.Locations.ShouldBe([new LocationFix(Utc(2024, 1, 1, 0, 30), -338688000, 1512093000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 }]);
        sink.Records.ShouldHaveSingleItem().Title.ShouldBe("WALKING");
        sink.UnknownFields.ShouldBe([("$[].activity.newActivityField", "1")]);
    }

    [Fact]
    public async Task Skips_unusable_points_and_segments_without_a_start_with_warnings()
    {
        const string json = """
            [{"endTime":"2024-01-01T12:00:00Z","timelinePath":[{"point":"geo:1,2","durationMinutesOffsetFromStartTime":"5"}]},
             {"startTime":"2024-01-01T10:00:00Z","timelinePath":[{"point":"geo:1,2","durationMinutesOffsetFromStartTime":"soon"},{"point":"geo:1,2","durationMinutesOffsetFromStartTime":"7"}]},
             {"endTime":"2024-01-01T12:00:00Z","visit":{"topCandidate":{"placeID":"ChIJx","placeLocation":"geo:1,2"}}}]
            """;

        var sink = await ReadAsync(_reader, json);

        sink.Locations.ShouldBe([new LocationFix(Utc(2024, 1, 1, 10, 7), 10000000, 20000000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 }]);
        sink.Records.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
        sink.Rejections.Select(r => r.Reason).ShouldBe([RejectReason.MissingTime, RejectReason.MissingTime, RejectReason.MissingTime]);
        sink.Rejections[0].Message.ShouldBe($"A timelinePath point of the segment at byte {json.IndexOf('{')} is timed from a start the segment does not have; it was not stored.");
        sink.Rejections[1].Message.ShouldContain("timelinePath point");
        sink.Rejections[2].Message.ShouldContain("has no start time; its visit or activity was not stored");
    }

    [Fact]
    public async Task Fails_on_a_truncated_file()
    {
        const string json = """[{"startTime":"2024-01-01T10:00:00Z","visit":{"topCandidate":{"placeID":"ChIJx""";

        var exception = await Should.ThrowAsync<ExportFormatException>(() => ReadAsync(_reader, json, 3));

        exception.Message.ShouldContain("truncated");
        exception.ByteOffset.ShouldNotBeNull();
    }

    [Fact]
    public async Task Reads_the_same_at_every_buffer_boundary() =>
        await ShouldReadTheSameAtEveryBufferBoundaryAsync(_reader, await BytesAsync(_reader, Fixture));

    [Fact]
    public void Detects_a_root_array_of_ios_segments_only()
    {
        FormatHarness.Detect(_reader, "Takeout/export.json", "\uFEFF [{\"endTime\":\"2024\",\"startTime\":\"2024\",\"visit\":{\"topCandidate\":{\"placeLocation\":\"geo:1,2\"}}}]")
            .ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "location-history.json", "[]").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Timeline.json", """{"semanticSegments":[{"startTime":"2024","visit":{"topCandidate":{}}}]}""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "StreamingHistory_music_0.json", """[{"endTime":"2022-10-28 07:03","artistName":"a","trackName":"b","msPlayed":1}]""")
            .ShouldBe(FormatMatch.None);
    }
}
