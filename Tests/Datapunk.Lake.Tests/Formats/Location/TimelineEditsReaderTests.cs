using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Tests.Support;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class TimelineEditsReaderTests
{
    private const string Fixture = "Timeline Edits.json";

    private readonly TimelineEditsReader _reader = new();

    [Fact]
    public async Task Reads_timed_positions_as_fixes_with_accuracy_in_metres_and_ignores_untimed_places()
    {
        var sink = await ReadFixtureAsync(_reader, Fixture);

        sink.Locations.ShouldBe(
        [
            new LocationFix(Utc(2024, 5, 1, 10, 0), 481234567, 115678901, AccuracyMeters: 14, AltitudeMeters: 520, VelocityMps: 0, Source: "timelineEdit") { TimeDigits = 0 },
            new LocationFix(Utc(2024, 5, 1, 10, 5, 0, 250), 481240000, 115680000, AccuracyMeters: 5, Source: "timelineEdit"),
        ]);
        sink.Records.ShouldBeEmpty("aggregated places have no time and are not visits");
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("timeline-edits");
    }

    [Fact]
    public async Task Reports_new_kinds_of_edit_once_and_still_finds_their_timed_points()
    {
        const string json = """
            {"timelineEdits":[
              {"deviceId":"1","visitEdit":{"point":{"latE7":"481234567","lngE7":"115678901"},"timestamp":"2024-05-01T12:00:00+02:00"}},
              {"deviceId":"1","visitEdit":{"point":{"latE7":1,"lngE7":2}}}
            ],"newTopLevel":1}
            """;

        var sink = await ReadAsync(_reader, json);

        sink.Locations.ShouldBe([new LocationFix(Utc(2024, 5, 1, 10, 0), 481234567, 115678901, Source: "timelineEdit") { TimeDigits = 0 }]);
        sink.UnknownFields.ShouldBe([("$.timelineEdits[].visitEdit", "{…}"), ("$.newTopLevel", "(top-level value)")]);
    }

    [Fact]
    public async Task Fails_on_broken_json_with_the_byte_offset()
    {
        const string json = """{"timelineEdits":[{"deviceId":"1","rawSignal":{"signal":{"position":{"point":{"latE7":1,"lngE7":2},"timestamp":}}}}]}""";

        var exception = await Should.ThrowAsync<ExportFormatException>(() => ReadAsync(_reader, json, 4));

        var expected = json.IndexOf(":}", StringComparison.Ordinal) + 1;
        exception.ByteOffset!.Value.ShouldBeInRange(expected - 1, expected);
    }

    [Fact]
    public async Task Reads_the_same_at_every_buffer_boundary() =>
        await ShouldReadTheSameAtEveryBufferBoundaryAsync(_reader, await BytesAsync(_reader, Fixture));

    [Fact]
    public void Detects_edits_by_content_and_by_name()
    {
        FormatHarness.Detect(_reader, "Takeout/Zeitachse/Änderungen.json", """{"timelineEdits":[]}""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Location History (Timeline)/Timeline Edits.json", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Timeline.json", """{"semanticSegments":[],"rawSignals":[]}""").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_real_layout_placeholder_without_failing()
    {
        const string relative = "Location History (Timeline)/Timeline Edits.json";
        var sample = FormatHarness.SharedSample("google_takeout_parser/layout-only/RecentTakeout_ger/" + relative);
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        new FormatReaderRegistry().Choose(new EntrySample("Takeout/" + relative, await File.ReadAllBytesAsync(sample!, TestContext.Current.CancellationToken), 0))
            ?.FormatId.ShouldBe(_reader.FormatId);
        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        (sink.Records.Count, sink.Locations.Count, sink.Warnings.Count).ShouldBe((0, 0, 1));
    }
}
