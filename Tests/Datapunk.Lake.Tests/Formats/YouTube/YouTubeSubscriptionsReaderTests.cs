using Datapunk.Lake.Formats.YouTube;
using Datapunk.Lake.Tests.Formats.MyActivity;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.YouTube;

public sealed class YouTubeSubscriptionsReaderTests
{
    private const string FormatId = "google.youtube.subscriptions";
    private const string Fixture = "YouTube and YouTube Music/subscriptions/subscriptions.csv";
    private const string GermanFixture = "YouTube und YouTube Music/Abos/Abos.csv";

    private readonly YouTubeSubscriptionsReader _reader = new();

    [Fact]
    public async Task Reads_subscriptions_as_activity_events_with_quoted_titles()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, Fixture);

        sink.Records.Select(r => r.Title).ShouldBe(
            ["Subscribed to Rick Astley", "Subscribed to tagesschau", "Subscribed to Tiny Houses, Big Ideas", "Subscribed to The \"Best\" Channel"]);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.ActivityEvent && r.OccurredAt == null);
        var first = sink.Records[0];
        first.Identity.ShouldBe(RecordIdentity.Native("youtube.subscription", "UCuAXFkgsw1L7xaCfnd5JJOw"));
        first.Url.ShouldBe("http://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw");
        first.Text.ShouldBe("Rick Astley");
        first.Source!["channelId"]!.GetValue<string>().ShouldBe("UCuAXFkgsw1L7xaCfnd5JJOw");
        first.Source["url"]!.GetValue<string>().ShouldBe("http://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw");
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("subscriptions.csv");
    }

    [Fact]
    public async Task Reads_the_german_file_with_bom_and_crlf()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, GermanFixture);

        sink.Records.Select(r => r.Title).ShouldBe(["Subscribed to tagesschau", "Subscribed to Die Sendung mit der Maus"]);
        sink.Records[1].Source!["channelId"]!.GetValue<string>().ShouldBe("UCmaus00000000000000000a");
    }

    [Theory]
    [InlineData("Channel ID,Channel URL,Channel title")]
    [InlineData("channel id,channel url,channel title")]
    [InlineData("ID de la chaîne,URL de la chaîne,Titre de la chaîne")]
    public async Task Maps_headers_of_every_year_and_language(string header)
    {
        var sink = await FormatHarness.ReadAsync(_reader, header + "\nUCuAXFkgsw1L7xaCfnd5JJOw,http://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw,Rick Astley\n");

        sink.Records.ShouldHaveSingleItem().Title.ShouldBe("Subscribed to Rick Astley");
    }

    [Fact]
    public async Task Maps_reordered_columns_and_reports_unknown_ones_once()
    {
        const string csv = """
            Channel Title,Channel Url,Channel Id,Subscribed At
            Rick Astley,http://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw,UCuAXFkgsw1L7xaCfnd5JJOw,2020-01-01
            tagesschau,http://www.youtube.com/channel/UC5NOEUbkLheQcaaRldYW5GA,UC5NOEUbkLheQcaaRldYW5GA,2021-01-01
            No id,http://www.youtube.com/channel/x,,2021-01-01
            """;

        var sink = await FormatHarness.ReadAsync(_reader, csv);

        sink.Records.Select(r => r.Source!["channelId"]!.GetValue<string>()).ShouldBe(["UCuAXFkgsw1L7xaCfnd5JJOw", "UC5NOEUbkLheQcaaRldYW5GA"]);
        sink.UnknownFields.ShouldBe([("column:Subscribed At", "2020-01-01")]);
        sink.Rejections.ShouldBe([(RejectReason.MissingField, "Row 4 of the subscriptions CSV has no channel id and was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Hands_over_a_channel_listed_twice_so_the_repeat_is_counted_as_matched()
    {
        const string row = "UCuAXFkgsw1L7xaCfnd5JJOw,http://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw,Rick Astley\n";

        var sink = await FormatHarness.ReadAsync(_reader, "Channel Id,Channel Url,Channel Title\n" + row + row);

        sink.Records.Select(r => r.Identity).ShouldBe(["youtube.subscription:UCuAXFkgsw1L7xaCfnd5JJOw", "youtube.subscription:UCuAXFkgsw1L7xaCfnd5JJOw"]);
        sink.Rejections.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_chunking()
    {
        var whole = FixtureFiles.Summary(await FixtureFiles.ReadAsync(_reader, FormatId, GermanFixture));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            var trickled = await FixtureFiles.ReadAsync(_reader, FormatId, GermanFixture, bytesPerRead);
            FixtureFiles.Summary(trickled).ShouldBe(whole, $"reading {bytesPerRead} bytes at a time");
        }
    }

    [Fact]
    public async Task A_csv_without_channel_columns_fails_with_the_row()
    {
        var error = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, "Name,Count\nfoo,1\n"));

        error.Message.ShouldContain("row 2");
    }

    [Fact]
    public void Detects_by_header_and_first_row_not_by_other_youtube_csvs()
    {
        const string english = "Channel Id,Channel Url,Channel Title\nUCuAXFkgsw1L7xaCfnd5JJOw,http://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw,Rick Astley\n";
        const string comments = "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Post ID,Video ID,Comment Text\n";
        const string playlists = "Playlist ID,Add new videos to top,Playlist Create Timestamp,Playlist Title (Original)\n";

        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv", english).ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/YouTube und YouTube Music/Abos/Abos.csv", "\uFEFFKanal-ID,Kanal-URL,Kanaltitel\r\n").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/YouTube/Abonnenten/liste.csv", english).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/comments/comments.csv", comments).ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/playlists/playlists.csv", playlists).ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/Discord/messages/c1/messages.csv", "ID,Timestamp,Contents,Attachments\n1,2020-01-01,hi,\n").ShouldBe(FormatMatch.None);
    }
}
