using Datapunk.Lake.Formats.Discord;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Discord;

public sealed class DiscordPackageMetadataReaderTests
{
    private readonly DiscordPackageMetadataReader _reader = new();

    [Theory]
    [InlineData("messages/c712345678901234567/channel.json", "channel")]
    [InlineData("Messages/c812345678901234567/channel.json", "channel")]
    [InlineData("messages/index.json", "channel-index")]
    [InlineData("account/user.json", "user")]
    public async Task Recognises_the_package_metadata_and_yields_nothing(string fixture, string variant)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "discord.package-metadata", fixture));
        FormatHarness.Detect(_reader, "package/" + fixture, text).ShouldBe(FormatMatch.ByContentAndName);

        var sink = await FormatHarness.ReadAsync(_reader, text, "package/" + fixture, bytesPerRead: 7);

        sink.Records.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe(variant);
    }

    [Fact]
    public void Detects_by_content_when_renamed_and_leaves_other_json_alone()
    {
        FormatHarness.Detect(_reader, "export/kanal.json", """{"id":"1","type":0,"name":"general","guild":{"id":"2","name":"S"}}""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "export/verzeichnis.json", """{"712345678901234567": "general in Cozy Server"}""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Google Photos/a/index.json", """{"title":"a"}""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/Keep/note.json", """{"title":"x","textContent":"type and id"}""").ShouldBe(FormatMatch.None);
    }
}
