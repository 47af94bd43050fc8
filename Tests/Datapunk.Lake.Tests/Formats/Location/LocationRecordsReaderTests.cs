using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class LocationRecordsReaderTests
{
    private readonly LocationRecordsReader _reader = new();

    [Fact]
    public async Task Reads_the_legacy_location_history_with_overflowed_e7_values()
    {
        const string json = """
            {"locations" : [ {
                "timestampMs" : "1398441583147", "latitudeE7" : 499175387, "longitudeE7" : 147080015, "accuracy" : 20,
                "activity" : [ { "timestampMs" : "1398441580000", "activity" : [ { "type" : "still", "confidence" : 100 } ] } ]
              }, {
                "timestampMs" : "1398441643147", "latitudeE7" : 4294167296, "longitudeE7" : 147080015, "velocity" : 3, "altitude" : 250
              } ]}
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json, bytesPerRead: 17);

        sink.Locations.Count.ShouldBe(2);
        sink.Locations[0].ShouldBe(new LocationFix(new DateTime(2014, 4, 25, 15, 59, 43, 147, DateTimeKind.Utc), 499175387, 147080015, AccuracyMeters: 20));
        sink.Locations[1].LatitudeE7.ShouldBe(-800000, "values above 1.8e9 overflowed and must have 2^32 subtracted");
        sink.Locations[1].VelocityMps.ShouldBe(3);
        sink.Variant.ShouldBe("location-history.json");
        sink.UnknownFields.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_records_json_with_iso_timestamps_and_reports_unknown_fields_once()
    {
        const string json = """
            {"locations":[
              {"latitudeE7":523456789,"longitudeE7":134567890,"accuracy":18000,"source":"CELL","deviceTag":-12,"timestamp":"2021-03-01T10:00:00.123Z","newField":{"a":1}},
              {"latitudeE7":523456789,"longitudeE7":134567890,"timestamp":"2021-03-01T12:00:00+02:00","newField":{"a":2}},
              {"latitudeE7":523456789,"timestamp":"2021-03-01T12:00:00Z"}
            ]}
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Locations.Count.ShouldBe(2);
        sink.Locations[0].AccuracyMeters.ShouldBe(18000, "imprecise fixes are kept, not dropped");
        sink.Locations[0].Source.ShouldBe("CELL");
        sink.Locations[1].Time.ShouldBe(new DateTime(2021, 3, 1, 10, 0, 0, DateTimeKind.Utc));
        sink.Variant.ShouldBe("records.json");
        sink.UnknownFields.ShouldBe([("$.locations[].newField", "{…}")]);
        sink.Locations[0].Device.ShouldBe(-12);
        sink.Locations[0].TimeDigits.ShouldBe((byte)3, "milliseconds are written");
        sink.Locations[1].TimeDigits.ShouldBe((byte)0, "whole seconds");
        sink.Warnings.ShouldBeEmpty();
        sink.Rejections.ShouldBe([(RejectReason.MissingCoordinates, $"The location at byte {json.IndexOf("""{"latitudeE7":523456789,"timestamp""", StringComparison.Ordinal)} has no latitudeE7 or longitudeE7 and was not stored.")]);
    }

    [Fact]
    public void Detects_by_content_even_when_renamed_and_by_name_when_the_head_is_ambiguous()
    {
        FormatHarness.Detect(_reader, "Takeout/Standortverlauf/Datensätze.json", """{"locations":[{"latitudeE7":1""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Location History/Records.json", """{"locations":[{"latitudeE7":1""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Location History/Records.json", "{ }").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/History.json", """{"Browser History":[]}""").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_real_prague_sample_exactly()
    {
        var sample = FormatHarness.SharedSample("track/Takeout/Location History/prague-2014-04-25.json");
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        sink.Locations.Count.ShouldBe(2039);
        sink.Warnings.ShouldBeEmpty();
    }
}
