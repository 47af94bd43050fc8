using Datapunk.Lake.Formats.DatapunkExport;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.DatapunkExport;

/// <summary>A Datapunk export's files read back with every field, and a file that does not match its checksum refused.</summary>
public sealed class DatapunkExportReaderTests
{
    private static readonly DatapunkExportReader Reader = new();

    [Fact]
    public async Task Records_come_back_with_every_field()
    {
        var sink = await FormatHarness.ReadFixtureAsync(Reader, "datapunk.export/records/emails.jsonl", "records/emails.jsonl", bytesPerRead: 7);

        sink.Variant.ShouldBe("records:emails");
        sink.Rejections.ShouldBeEmpty();
        var (first, second) = (sink.Records[0], sink.Records[1]);
        first.Kind.ShouldBe(RecordKind.Email);
        first.Identity.ShouldBe("h2:0f3c2a9e51d84b7f0c6a1e2d3b4c5d6e7f8a9b0c");
        first.OccurredAt.ShouldBe(new DateTime(2023, 3, 14, 9, 26, 53, DateTimeKind.Utc).AddTicks(5_897_930));
        first.OccurredAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        first.Title.ShouldBe("Grüße aus Köln");
        first.Text.ShouldBe("Line one\nLine two");
        first.LatitudeE7.ShouldBeNull();
        System.Text.Json.Nodes.JsonNode.DeepEquals(
            first.Source, System.Text.Json.Nodes.JsonNode.Parse("""{"messageId":"<abc@example.com>","from":"Max <max@example.com>","labels":["Inbox","Important"]}"""))
            .ShouldBeTrue($"the source fields as exported, not {first.Source!.ToJsonString()}");
        second.LatitudeE7.ShouldBe(509_375_000);
        second.LongitudeE7.ShouldBe(69_603_000);
        second.Source.ShouldBeNull();
        second.Text.ShouldBeNull();
    }

    [Fact]
    public async Task Fixes_keep_their_precision_and_device()
    {
        var sink = await FormatHarness.ReadFixtureAsync(Reader, "datapunk.export/records/location_points.jsonl", "records/location_points.jsonl");

        sink.Locations.Count.ShouldBe(2);
        sink.Locations[0].ShouldBe(new LocationFix(new DateTime(2019, 7, 1, 10, 12, 45, 123, DateTimeKind.Utc), 509_375_000, 69_603_000, 12, Source: "GPS")
        {
            Device = -1_234_567,
        });
        sink.Locations[1].ShouldBe(new LocationFix(new DateTime(2019, 7, 1, 10, 13, 0, DateTimeKind.Utc), 509_376_000, 69_604_000, null, 55, 1, 270)
        {
            CoordinateDigits = 6, TimeDigits = 0,
        });
    }

    [Fact]
    public async Task The_manifest_is_checked_and_yields_nothing()
    {
        var sink = await FormatHarness.ReadFixtureAsync(Reader, "datapunk.export/manifest.json", "manifest.json");

        sink.Variant.ShouldBe("manifest");
        sink.Records.ShouldBeEmpty();
        var newer = File.ReadAllText(FormatHarness.FixturePath("datapunk.export/manifest.json")).Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal);
        var refused = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(Reader, newer, "manifest.json"));
        refused.Message.ShouldContain("version 99");
    }

    [Fact]
    public async Task A_changed_line_fails_the_file_as_damaged()
    {
        var text = File.ReadAllText(FormatHarness.FixturePath("datapunk.export/records/emails.jsonl")).Replace("Ticket", "Tickets", StringComparison.Ordinal);

        var refused = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(Reader, text, "records/emails.jsonl"));

        refused.Message.ShouldContain("records/emails.jsonl does not match its checksum: its SHA-256 is");
        refused.Message.ShouldContain("The export is damaged");
    }

    [Fact]
    public async Task A_file_cut_off_before_its_end_line_fails()
    {
        var lines = File.ReadAllLines(FormatHarness.FixturePath("datapunk.export/records/emails.jsonl"));
        var cut = string.Join('\n', lines[..^1]) + "\n";

        var refused = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(Reader, cut, "records/emails.jsonl"));

        refused.Message.ShouldContain("without its end line: it was cut off");
    }

    [Fact]
    public async Task A_dropped_line_fails_on_the_count()
    {
        var lines = File.ReadAllLines(FormatHarness.FixturePath("datapunk.export/records/emails.jsonl"));
        var shorter = string.Join('\n', lines.Where((_, index) => index != 2)) + "\n";

        var refused = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(Reader, shorter, "records/emails.jsonl"));

        refused.Message.ShouldContain("its end line counts 2 lines, but 1 were read");
    }
}
