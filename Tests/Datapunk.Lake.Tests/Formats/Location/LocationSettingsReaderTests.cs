using Datapunk.Lake.Archives;
using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Tests.Support;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class LocationSettingsReaderTests : IDisposable
{
    private const string Fixture = "Settings.json";

    private readonly LocationSettingsReader _reader = new();
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Reads_settings_as_valid_json_with_no_records()
    {
        var sink = await ReadFixtureAsync(_reader, Fixture);

        (sink.Records.Count, sink.Locations.Count).ShouldBe((0, 0));
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("settings");
    }

    [Fact]
    public async Task Reports_new_settings_once_and_fails_only_on_broken_json()
    {
        var sink = await ReadAsync(_reader, """{"historyEnabled":false,"deviceSettings":[],"newSetting":"on","newSetting":"off"}""");
        sink.UnknownFields.ShouldBe([("$.newSetting", "(top-level value)")]);

        const string broken = """{"historyEnabled":true,"deviceSettings":[{"deviceTag":1,}]}""";
        var exception = await Should.ThrowAsync<ExportFormatException>(() => ReadAsync(_reader, broken, 2));
        exception.ByteOffset!.Value.ShouldBeInRange(broken.IndexOf(",}", StringComparison.Ordinal), broken.IndexOf(",}", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public async Task Reads_the_same_at_every_buffer_boundary() =>
        await ShouldReadTheSameAtEveryBufferBoundaryAsync(_reader, await BytesAsync(_reader, Fixture));

    [Fact]
    public void Claims_location_settings_but_not_other_products_settings()
    {
        FormatHarness.Detect(_reader, "Takeout/Standortverlauf/Einstellungen.json", """{"createdTime":"2014","historyEnabled":true,"deviceSettings":[]}""")
            .ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Location History (Timeline)/Settings.json", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Google Play Store/Play Settings.json", """{"historyEnabled":true}""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/Chrome/Settings.json", """{"Preferences":{"historyEnabled":true}}""").ShouldBe(FormatMatch.None);
    }

    [Theory]
    [InlineData("RecentTakeout/Location History/Settings.json")]
    [InlineData("RecentTakeout_ger/Location History (Timeline)/Settings.json")]
    public async Task Reads_the_shared_real_layout_placeholders_without_failing(string relative)
    {
        var sample = FormatHarness.SharedSample("google_takeout_parser/layout-only/" + relative);
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var path = "Takeout" + relative[relative.IndexOf('/')..];
        new FormatReaderRegistry().Choose(new EntrySample(path, await File.ReadAllBytesAsync(sample!, TestContext.Current.CancellationToken), 0))
            ?.FormatId.ShouldBe(_reader.FormatId);
        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        (sink.Records.Count, sink.Locations.Count, sink.Warnings.Count).ShouldBe((0, 0, 1));
    }

    [Fact]
    public async Task Imports_a_takeout_that_holds_only_settings_cleanly_with_zero_records()
    {
        var zip = _temp.File("takeout-20240601T000000Z-001.zip");
        ArchiveBuilder.Zip(zip, ("Takeout/Location History (Timeline)/Settings.json", await BytesAsync(_reader, Fixture)));
        var registry = new FormatReaderRegistry();
        var sink = new CollectingSink();
        var formats = new List<string?>();
        var limits = ArchiveLimits.Default;

        await new ExportReader(limits, new ExpansionBudget(limits)).ReadAsync(
            zip,
            async (entry, content, token) =>
            {
                // What the importer does: choose on the head, then read the whole entry.
                var bytes = new MemoryStream();
                await content.CopyToAsync(bytes, token);
                var reader = registry.Choose(new EntrySample(entry.Path, bytes.ToArray().AsMemory(0, (int)Math.Min(bytes.Length, EntrySample.HeadSize)), entry.Length));
                formats.Add(reader?.FormatId);
                await reader!.ReadAsync(new MemoryStream(bytes.ToArray()), sink, token);
            },
            (_, name, reason) => throw new InvalidOperationException($"{name} was rejected: {reason}"),
            TestContext.Current.CancellationToken);

        formats.ShouldBe(["google.location.settings"]);
        (sink.Records.Count, sink.Locations.Count, sink.Warnings.Count).ShouldBe((0, 0, 0));
    }

    public void Dispose() => _temp.Dispose();
}
