using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Tests.Support;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class TimelineAndroidReaderTests
{
    private const string Fixture = "Timeline.json";

    private readonly TimelineAndroidReader _reader = new();

    [Fact]
    public async Task Reads_visits_activities_paths_and_raw_positions_of_a_phone_export()
    {
        var sink = await ReadFixtureAsync(_reader, Fixture);

        sink.Records.Select(r => (r.Kind, r.Title, r.OccurredAt, r.EndedAt, r.LatitudeE7, r.LongitudeE7)).ShouldBe(
        [
            (RecordKind.PlaceVisit, "HOME", Utc(2024, 3, 30, 7, 0), Utc(2024, 3, 30, 8, 30), 500506312, 143439906),
            (RecordKind.ActivitySegment, "IN_PASSENGER_VEHICLE", Utc(2024, 3, 30, 8, 30), Utc(2024, 3, 30, 9, 10), 500506312, 143439906),
            (RecordKind.PlaceVisit, null, Utc(2024, 3, 31, 7, 0), Utc(2024, 3, 31, 16, 0), 501000000, 145000000),
        ]);
        sink.Records[0].Identity.ShouldBe("h2:edc5acbe8ecbdb0b637e4d8dd364d952942642e5", "ChIJandroidHome at 2024-03-30T07:00:00Z");
        sink.Records[1].Source!["activity"]!["distanceMeters"]!.GetValue<double>().ShouldBe(6421.7);
        sink.Records[2].Source!["startTimeTimezoneUtcOffsetMinutes"]!.GetValue<int>().ShouldBe(120);

        sink.Locations.ShouldBe(
        [
            new LocationFix(Utc(2024, 3, 30, 8, 28), 500506312, 143439906, Source: "timelinePath") { TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 8, 45), 500700000, 143900000, Source: "timelinePath") { TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 9, 8), 500880000, 144210000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 9, 8), 500880000, 144210000, Source: "timelinePath") { TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 10, 30), 500880000, 144210000, Source: "timelinePath") { TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 9, 15), 488566000, 23522000, 13, 35, 2, Source: "rawSignal") { CoordinateDigits = 6, TimeDigits = 0 },
            new LocationFix(Utc(2024, 3, 30, 9, 20), 488570000, 23530000, 40, Source: "rawSignal") { CoordinateDigits = 6, TimeDigits = 0 },
        ]);
        sink.DistinctLocations.ShouldBe(6, "overlapping path windows repeat a point; the importer stores it once");
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("timeline-android");
    }

    [Fact]
    public async Task Reports_new_fields_once_wherever_they_appear()
    {
        const string json = """
            {"semanticSegments":[
              {"startTime":"2024-01-01T10:00:00Z","endTime":"2024-01-01T11:00:00Z","newSegmentField":1,
               "timelinePath":[{"point":"1.5, 2.5","time":"2024-01-01T10:10:00Z","newPointField":"x"},{"point":"1.5, 2.6","time":"2024-01-01T10:20:00Z","newPointField":"y"}]},
              {"startTime":"2024-01-01T11:00:00Z","endTime":"2024-01-01T12:00:00Z","newSegmentField":2,
               "visit":{"topCandidate":{"placeId":"ChIJx","placeLocation":{"latLng":"1.5°, 2.6°"},"newCandidateField":true}}}
            ],
            "rawSignals":[{"position":{"LatLng":"1.5°, 2.6°","timestamp":"2024-01-01T11:30:00Z","newPositionField":3}},{"bleScan":{}}],
            "userLocationProfile":{},
            "newTopLevel":[]}
            """;

        var sink = await ReadAsync(_reader, json);

        (sink.Records.Count, sink.Locations.Count).ShouldBe((1, 3));
        sink.UnknownFields.ShouldBe(
        [
            ("$.semanticSegments[].newSegmentField", "1"),
            ("$.semanticSegments[].timelinePath[].newPointField", "x"),
            ("$.semanticSegments[].visit.topCandidate.newCandidateField", "true"),
            ("$.rawSignals[].position.newPositionField", "3"),
            ("$.rawSignals[].bleScan", "{…}"),
            ("$.newTopLevel", "(top-level value)"),
        ]);
    }

    [Fact]
    public async Task Applies_the_segment_offset_to_times_written_without_one()
    {
        const string json = """
            {"semanticSegments":[{"startTime":"2024-07-01T10:00:00","endTime":"2024-07-01T12:00:00","startTimeTimezoneUtcOffsetMinutes":-240,"endTimeTimezoneUtcOffsetMinutes":-240,
              "activity":{"start":{"latLng":"40.7128°, -74.0060°"},"topCandidate":{"type":"WALKING"}},
              "timelinePath":[{"point":"40.7128°, -74.0060°","time":"2024-07-01T10:05:00"}]}]}
            """;

        var sink = await ReadAsync(_reader, json);

        (sink.Records.ShouldHaveSingleItem().OccurredAt, sink.Records[0].EndedAt).ShouldBe((Utc(2024, 7, 1, 14, 0), Utc(2024, 7, 1, 16, 0)));
        (sink.Records[0].LatitudeE7, sink.Records[0].LongitudeE7).ShouldBe((407128000, -740060000));
        sink.Locations.ShouldBe([new LocationFix(Utc(2024, 7, 1, 14, 5), 407128000, -740060000, Source: "timelinePath") { CoordinateDigits = 6, TimeDigits = 0 }]);
    }

    [Fact]
    public async Task Skips_malformed_segments_points_and_signals_with_warnings()
    {
        const string json = """
            {"semanticSegments":[
              "not a segment",
              {"endTime":"2024-01-01T11:00:00Z","visit":{"topCandidate":{"placeId":"ChIJnoStart"}}},
              {"startTime":"2024-01-01T10:00:00Z","timelinePath":[{"point":"north of here","time":"2024-01-01T10:10:00Z"},{"point":"1.5, 2.5"},{"point":"91, 2","time":"2024-01-01T10:11:00Z"},{"point":"1.5, 2.5","time":"2024-01-01T10:12:00Z"}]}
            ],
            "rawSignals":[{"position":{"LatLng":"1.5, 2.5"}},{"position":{"LatLng":"1.5, 2.5","timestamp":"2024-01-01T10:13:00Z"}},{"position":{"timestamp":"2024-01-01T10:14:00Z"}}]}
            """;

        var sink = await ReadAsync(_reader, json);

        sink.Records.ShouldBeEmpty();
        sink.Locations.Select(l => l.Time).ShouldBe([Utc(2024, 1, 1, 10, 12), Utc(2024, 1, 1, 10, 13)]);
        var segment = json.IndexOf("{\"startTime", StringComparison.Ordinal);
        var signal = json.IndexOf("{\"position", StringComparison.Ordinal);
        sink.Warnings.ShouldBeEmpty();
        sink.Rejections.ShouldBe(
        [
            (RejectReason.Unparseable, $"The timeline segment at byte {json.IndexOf("\"not", StringComparison.Ordinal)} is not an object and was not stored."),
            (RejectReason.MissingTime, $"The timeline segment at byte {json.IndexOf("{\"endTime", StringComparison.Ordinal)} has no start time; its visit or activity was not stored."),
            (RejectReason.MissingCoordinates, $"timelinePath point 0 of the segment at byte {segment} has no readable point and was not stored."),
            (RejectReason.MissingTime, $"timelinePath point 1 of the segment at byte {segment} has no time and was not stored."),
            (RejectReason.MissingCoordinates, $"timelinePath point 2 of the segment at byte {segment} has no readable point and was not stored."),
            (RejectReason.MissingTime, $"The position signal at byte {signal} has no readable timestamp and was not stored."),
            (RejectReason.MissingCoordinates, $"The position signal at byte {json.LastIndexOf("{\"position", StringComparison.Ordinal)} has no readable LatLng and was not stored."),
        ]);
    }

    [Fact]
    public async Task Fails_on_broken_json_with_the_byte_offset()
    {
        const string json = """{"semanticSegments":[{"startTime":"2024-01-01T10:00:00Z","timelinePath":[{"point":"1.5, 2.5" "time":"2024-01-01T10:12:00Z"}]}]}""";

        var exception = await Should.ThrowAsync<ExportFormatException>(() => ReadAsync(_reader, json, 5));

        var expected = json.IndexOf(" \"time", StringComparison.Ordinal);
        exception.ByteOffset!.Value.ShouldBeInRange(expected, expected + 1);
    }

    [Fact]
    public async Task Reads_the_same_at_every_buffer_boundary() =>
        await ShouldReadTheSameAtEveryBufferBoundaryAsync(_reader, await BytesAsync(_reader, Fixture));

    [Fact]
    public void Detects_the_android_shape_by_content_whatever_the_phone_language_named_it()
    {
        FormatHarness.Detect(_reader, "Zeitachse.json", """{ "semanticSegments": [ { "startTime": "2024" } ] }""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Timeline.json", """{"semanticSegments":[]}""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Timeline.json", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "location-history.json", """[{"startTime":"2024","visit":{"topCandidate":{"placeLocation":"geo:1,2"}}}]""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "2019_JULY.json", """{"timelineObjects":[]}""").ShouldBe(FormatMatch.None);
    }
}
