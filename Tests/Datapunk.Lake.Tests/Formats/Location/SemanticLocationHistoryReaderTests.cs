using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Tests.Support;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class SemanticLocationHistoryReaderTests
{
    private const string Fixture = "2019_JULY.json";

    private readonly SemanticLocationHistoryReader _reader = new();

    [Fact]
    public async Task Reads_visits_segments_and_raw_path_fixes_of_a_pretty_printed_month_with_a_bom()
    {
        var sink = await ReadFixtureAsync(_reader, Fixture);

        sink.Records.Select(r => r.Kind).ShouldBe(
            [RecordKind.PlaceVisit, RecordKind.ActivitySegment, RecordKind.ActivitySegment, RecordKind.ActivitySegment, RecordKind.PlaceVisit]);
        var cafe = sink.Records[0];
        cafe.Identity.ShouldBe("h2:00fc3fdd0ba540dfa0fdb31f05f6498f9fec6a89", "place id and start in whole seconds (scheme 2)");
        cafe.OccurredAt.ShouldBe(Utc(2019, 7, 1, 8, 12, 45, 123));
        cafe.EndedAt.ShouldBe(Utc(2019, 7, 1, 9, 40));
        cafe.Title.ShouldBe("Café Nádraží & Bar", "JSON escapes are decoded");
        cafe.Text.ShouldBe("Nádražní 1\n150 00 Praha 5\nCzechia");
        (cafe.LatitudeE7, cafe.LongitudeE7).ShouldBe((500506312, 143439906));
        cafe.Source!["placeVisit"]!["childVisits"]!.AsArray().Count.ShouldBe(1, "child visits are known and kept, not records of their own");
        cafe.Source["placeVisit"]!["otherCandidateLocations"].ShouldNotBeNull();
        cafe.Source["placeVisit"]!.AsObject().ContainsKey("simplifiedRawPath").ShouldBeFalse("its points are stored as fixes");

        var drive = sink.Records[1];
        drive.Identity.ShouldStartWith("h2:");
        (drive.Title, drive.OccurredAt, drive.EndedAt).ShouldBe(("IN_PASSENGER_VEHICLE", Utc(2019, 7, 1, 9, 40), Utc(2019, 7, 1, 10, 5, 30)));
        (drive.LatitudeE7, drive.LongitudeE7).ShouldBe((500506312, 143439906));
        drive.Source!["activitySegment"]!["distance"]!.GetValue<int>().ShouldBe(6421);
        drive.Source["activitySegment"]!["waypointPath"]!["waypoints"]!.AsArray().Count.ShouldBe(3, "waypoints have no time: they stay in the source");

        var walk = sink.Records[2];
        (walk.Title, walk.LatitudeE7, walk.LongitudeE7).ShouldBe(("WALKING", 500880000, 144210000), "an empty startLocation falls back to the first waypoint");

        var ride = sink.Records[3];
        ride.Title.ShouldBe("CYCLING", "a segment without activityType is typed from its activities");
        ride.LatitudeE7.ShouldBeNull("a segment without coordinates is kept");

        var flat = sink.Records[4];
        flat.Identity.ShouldStartWith("h2:"); // a visit without a place id is identified by its time span
        flat.Title.ShouldBe("Vinohradská 12, 120 00 Praha 2, Czechia");
        flat.Text.ShouldBeNull();
        (flat.OccurredAt, flat.EndedAt).ShouldBe((Utc(2019, 7, 1, 14, 0), Utc(2019, 7, 1, 20, 30)));

        sink.Locations.ShouldBe(
        [
            new LocationFix(Utc(2019, 7, 1, 8, 20), 500506300, 143439900, 12, Source: "simplifiedRawPath") { TimeDigits = 0 },
            new LocationFix(Utc(2019, 7, 1, 9, 5, 0, 500), 500506350, 143439950, 9, Source: "simplifiedRawPath"),
            new LocationFix(Utc(2019, 7, 1, 9, 50), 500600000, 143600000, 5, Source: "simplifiedRawPath") { TimeDigits = 0 },
            new LocationFix(Utc(2019, 7, 1, 9, 57, 10), 500750000, 144000000, 7, Source: "simplifiedRawPath") { TimeDigits = 0 },
            new LocationFix(Utc(2019, 7, 1, 10, 2), 500850000, 144150000, 6, Source: "simplifiedRawPath") { TimeDigits = 0 },
        ]);
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("semantic-iso");
    }

    [Fact]
    public async Task Reads_a_legacy_single_line_month_with_millisecond_strings_and_reports_new_fields_once()
    {
        const string json = "\uFEFF" + """{"timelineObjects":[{"activitySegment":{"startLocation":{"latitudeE7":523456789,"longitudeE7":134567890},"endLocation":{"latitudeE7":523500000,"longitudeE7":134600000},"duration":{"startTimestampMs":"1458720000000","endTimestampMs":"1458721800000"},"distance":812,"activityType":"WALKING","simplifiedRawPath":{"points":[{"latE7":523460000,"lngE7":134570000,"timestampMs":"1458720600000","accuracyMeters":10}]},"newSegmentField":1}},{"placeVisit":{"location":{"latitudeE7":523500000,"longitudeE7":134600000,"placeId":"ChIJlegacy","name":"Home"},"duration":{"startTimestampMs":"1458721800000","endTimestampMs":"1458750000000"},"newVisitField":true}},{"placeVisit":{"location":{"placeId":"ChIJlegacy2"},"duration":{"startTimestampMs":"1458750000000"},"newVisitField":false}}]}""";

        var sink = await ReadAsync(_reader, json);

        sink.Records.Count.ShouldBe(3);
        (sink.Records[0].OccurredAt, sink.Records[0].EndedAt).ShouldBe((Utc(2016, 3, 23, 8, 0), Utc(2016, 3, 23, 8, 30)));
        sink.Records[1].Identity.ShouldBe("h2:f6fa242c8390d9c3e1c863e5df0e2210191b074a");
        (sink.Records[1].Title, sink.Records[1].EndedAt).ShouldBe(("Home", Utc(2016, 3, 23, 16, 20)));
        sink.Records[2].LatitudeE7.ShouldBeNull();
        sink.Records[2].EndedAt.ShouldBeNull();
        sink.Locations.ShouldBe([new LocationFix(Utc(2016, 3, 23, 8, 10), 523460000, 134570000, 10, Source: "simplifiedRawPath") { TimeDigits = 0 }]);
        sink.UnknownFields.ShouldBe(
        [
            ("$.timelineObjects[].activitySegment.newSegmentField", "1"),
            ("$.timelineObjects[].placeVisit.newVisitField", "true"),
        ]);
        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("semantic-timestampMs");
    }

    [Fact]
    public async Task Skips_malformed_timeline_objects_with_a_warning_and_reads_the_rest()
    {
        const string json = """
            {"timelineObjects":[
              42,
              {"placeVisit":{"location":{"placeId":"ChIJnoDuration"}}},
              {"activitySegment":{"duration":{"startTimestamp":"2019-07-01T09:40:00Z"},"simplifiedRawPath":{"points":[
                {"latE7":1,"lngE7":2},{"latE7":500000000,"lngE7":140000000,"timestamp":"2019-07-01T09:41:00Z"}]}}},
              {"somethingNew":{}},
              {"activitySegment":{"duration":{"startTimestamp":"2019-07-01T10:00:00Z"}}}
            ]}
            """;

        var sink = await ReadAsync(_reader, json);

        sink.Records.Select(r => r.OccurredAt).ShouldBe([Utc(2019, 7, 1, 9, 40), Utc(2019, 7, 1, 10, 0)]);
        sink.Locations.ShouldBe([new LocationFix(Utc(2019, 7, 1, 9, 41), 500000000, 140000000, Source: "simplifiedRawPath") { TimeDigits = 0 }]);
        sink.Warnings.ShouldBeEmpty();
        var number = json.IndexOf("42", StringComparison.Ordinal);
        var visit = json.IndexOf("""{"placeVisit""", StringComparison.Ordinal);
        sink.Rejections.Select(r => r.Reason).ShouldBe(
            [RejectReason.Unparseable, RejectReason.MissingTime, RejectReason.MissingTime, RejectReason.Unparseable]);
        sink.Rejections[0].Message.ShouldStartWith($"The timeline object at byte {number} is not a readable JSON object");
        sink.Rejections[1].Message.ShouldContain($"placeVisit at byte {visit} has no start time");
        sink.Rejections[2].Message.ShouldContain("simplifiedRawPath point 0 of the activitySegment");
        sink.Rejections[3].Message.ShouldContain("neither a placeVisit nor an activitySegment");
        sink.UnknownFields.ShouldBe([("$.timelineObjects[].somethingNew", "{…}")]);
    }

    [Fact]
    public async Task Fails_on_broken_json_with_the_byte_offset_after_keeping_what_came_before()
    {
        const string json = """{"timelineObjects":[{"activitySegment":{"duration":{"startTimestamp":"2019-07-01T09:40:00Z"}}},{"placeVisit":{"location":{"latitudeE7":5,}}}]}""";
        var sink = new CollectingSink();

        var exception = await Should.ThrowAsync<ExportFormatException>(() =>
            _reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 11), sink, TestContext.Current.CancellationToken));

        exception.ByteOffset.ShouldNotBeNull();
        exception.ByteOffset!.Value.ShouldBeInRange(json.IndexOf(",}", StringComparison.Ordinal), json.IndexOf(",}", StringComparison.Ordinal) + 1);
        sink.Records.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Reads_the_same_at_every_buffer_boundary() =>
        await ShouldReadTheSameAtEveryBufferBoundaryAsync(_reader, await BytesAsync(_reader, Fixture));

    [Fact]
    public void Detects_months_by_content_and_by_name_only_when_the_head_says_nothing()
    {
        FormatHarness.Detect(_reader, "Takeout/Standortverlauf/Semantic Location History/2023/2023_MAY.json", """{"timelineObjects":[]}""")
            .ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/month.json", """{ "timelineObjects" : [ {"placeVisit":{}} ] }""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Location History/Semantic Location History/2019/2019_AUGUST.json", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Location History/Records.json", """{"locations":[{"latitudeE7":1,"timestampMs":"1"}]}""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/Timeline.json", """{"semanticSegments":[]}""").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_real_layout_placeholder_as_an_empty_month()
    {
        const string relative = "Location History/Semantic Location History/2019/2019_AUGUST.json";
        var sample = FormatHarness.SharedSample("google_takeout_parser/layout-only/RecentTakeout/" + relative);
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        new FormatReaderRegistry().Choose(new EntrySample("Takeout/" + relative, await File.ReadAllBytesAsync(sample!, TestContext.Current.CancellationToken), 0))
            ?.FormatId.ShouldBe(_reader.FormatId);
        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        (sink.Records.Count, sink.Locations.Count).ShouldBe((0, 0));
        sink.Warnings.ShouldBe(["The entry is empty (a placeholder without data); it holds no records."]);
    }
}
