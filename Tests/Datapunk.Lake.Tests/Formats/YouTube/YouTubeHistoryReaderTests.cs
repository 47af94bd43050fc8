using Datapunk.Lake.Formats.MyActivity;
using Datapunk.Lake.Formats.YouTube;
using Datapunk.Lake.Tests.Formats.MyActivity;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.YouTube;

public sealed class YouTubeHistoryReaderTests
{
    private const string FormatId = "google.youtube.history";
    private const string WatchFixture = "YouTube and YouTube Music/history/watch-history.json";
    private const string SearchFixture = "YouTube and YouTube Music/history/search-history.json";

    private readonly YouTubeHistoryReader _reader = new();

    [Fact]
    public async Task Reads_watch_history_with_music_ads_deleted_videos_posts_and_shorts()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, WatchFixture);

        sink.Records.Select(r => r.Kind).ShouldBe(
        [
            RecordKind.YoutubeWatch, RecordKind.YoutubeWatch, RecordKind.YoutubeWatch, RecordKind.YoutubeWatch,
            RecordKind.ActivityEvent, RecordKind.YoutubeWatch, RecordKind.YoutubeWatch,
        ]);
        var first = sink.Records[0];
        first.Title.ShouldBe("Watched Building a tiny house in 30 days");
        first.Url.ShouldBe("https://www.youtube.com/watch?v=Vid2026aaaa");
        first.Text.ShouldBe("Building a tiny house in 30 days\nTiny House Builders");
        first.OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 5, 4, 21, 13, 45, 678));
        first.Identity.ShouldBe(RecordIdentity.FromContent("YouTube", first.Title, first.Url, FixtureFiles.Utc(2024, 5, 4, 21, 13, 45)));
        FixtureFiles.Annotation(first, "videoId").ShouldBe("Vid2026aaaa");
        FixtureFiles.Annotation(sink.Records[1], "videoId").ShouldBe("CeL4ClairDL", "YouTube Music plays are watches too");
        FixtureFiles.Flags(sink.Records[2]).ShouldBe(["ad"]);
        FixtureFiles.Flags(sink.Records[3]).ShouldBe(["deletedVideo"], "the title is the bare URL and there is no channel");
        sink.Records[3].Title.ShouldBe("Watched https://www.youtube.com/watch?v=x2Ab_9-cdeF");
        FixtureFiles.Flags(sink.Records[4]).ShouldBe(["communityPost"]);
        FixtureFiles.Flags(sink.Records[5]).ShouldBe(["deletedVideo"], "a removed video has neither link nor channel");
        FixtureFiles.Annotation(sink.Records[6], "videoId").ShouldBe("ShortCat001");
        sink.Records.Where(r => r.Kind != RecordKind.YoutubeWatch || FixtureFiles.Flags(r).Count > 0).Count().ShouldBe(4);
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("watch-history.json");
    }

    [Fact]
    public async Task Reads_search_history_with_bom_spaced_keys_and_escapes()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture);

        sink.Records.Count.ShouldBe(3);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.YoutubeSearch);
        sink.Records.Select(r => r.Text).ShouldBe(["lofi hip hop radio", "how to fix a bike chain & gears", "debussy"]);
        sink.Records[0].Url.ShouldBe("https://www.youtube.com/results?search_query=lofi+hip+hop+radio");
        sink.Records[2].Url.ShouldBe("https://music.youtube.com/search?q=debussy");
        sink.Records[2].OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 5, 3, 17, 0, 0));
        sink.Variant.ShouldBe("search-history.json");
    }

    [Fact]
    public async Task Produces_the_same_records_as_the_my_activity_reader_for_the_same_entries()
    {
        var bytes = await File.ReadAllBytesAsync(FixtureFiles.Path(FormatId, WatchFixture), TestContext.Current.CancellationToken);

        var asHistory = await FixtureFiles.ReadBytesAsync(_reader, bytes, 4096);
        var asMyActivity = await FixtureFiles.ReadBytesAsync(new MyActivityJsonReader(), bytes, 4096);

        FixtureFiles.Summary(asHistory).ShouldBe(FixtureFiles.Summary(asMyActivity));
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_chunking()
    {
        var whole = FixtureFiles.Summary(await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            var trickled = await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture, bytesPerRead);
            FixtureFiles.Summary(trickled).ShouldBe(whole, $"reading {bytesPerRead} bytes at a time");
        }
    }

    [Fact]
    public async Task Broken_json_fails_with_the_byte_offset()
    {
        const string json = """[{"header":"YouTube","title":"Watched a","time":"2024-01-01T00:00:00Z"},{"header":"YouTube","title":"Watched b",,}]""";

        var error = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, bytesPerRead: 3));

        error.ByteOffset.ShouldBe(json.IndexOf(",,", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public async Task Reports_each_unknown_field_once()
    {
        const string json = """
            [{"header":"YouTube","title":"Watched a","titleUrl":"https://www.youtube.com/watch?v=a","time":"2024-01-01T00:00:00Z","products":["YouTube"],"watchProgress":0.5},
             {"header":"YouTube","title":"Watched b","titleUrl":"https://www.youtube.com/watch?v=b","time":"2024-01-01T00:01:00Z","products":["YouTube"],"watchProgress":0.9}]
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.Count.ShouldBe(2);
        sink.UnknownFields.ShouldBe([("$[].watchProgress", "0.5")]);
    }

    [Fact]
    public void Detects_youtube_only_activity_under_any_name_and_leaves_the_2016_list_alone()
    {
        const string watch = """[ { "header" : "YouTube", "title" : "Watched x", "titleUrl" : "https://www.youtube.com/watch?v\u003dx", "time" : "2024-01-01T00:00:00Z" } ]""";
        const string mixed = """[{"header":"YouTube","title":"Watched x","time":"2024-01-01T00:00:00Z"},{"header":"Search","title":"Searched for y","time":"2024-01-01T00:00:00Z"}]""";
        const string legacy = """[ { "kind" : "youtube#playlistItem", "snippet" : { "publishedAt" : "2016-02-20T18:40:33.000Z" } } ]""";

        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/history/watch-history.json", watch).ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.json", "\uFEFF" + watch).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/My Activity/YouTube/MyActivity.json", watch).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/My Activity/Search/MyActivity.json", mixed).ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/history/search-history.json", "[]").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/YouTube/history/watch-history.json", legacy).ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/history/watch-history.html", watch).ShouldBe(FormatMatch.None);
    }
}
