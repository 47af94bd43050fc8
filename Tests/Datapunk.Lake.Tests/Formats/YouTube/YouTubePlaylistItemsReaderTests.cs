using Datapunk.Lake.Formats.YouTube;
using Datapunk.Lake.Tests.Formats.MyActivity;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.YouTube;

public sealed class YouTubePlaylistItemsReaderTests
{
    private const string FormatId = "google.youtube.playlistitems";
    private const string Fixture = "YouTube/history/watch-history.json";

    private readonly YouTubePlaylistItemsReader _reader = new();

    [Fact]
    public async Task Reads_the_2016_watch_history_list_as_watches_with_native_identities()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, Fixture);

        sink.Records.Count.ShouldBe(3);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.YoutubeWatch);
        var first = sink.Records[0];
        first.Identity.ShouldBe("youtube.video:9bZkp7q19f0@2016-02-20T18:40:33.000Z");
        first.Title.ShouldBe("Watched PSY - GANGNAM STYLE(강남스타일) M/V");
        first.Text.ShouldBe("PSY - GANGNAM STYLE(강남스타일) M/V");
        first.Url.ShouldBe("https://www.youtube.com/watch?v=9bZkp7q19f0");
        first.OccurredAt.ShouldBe(FixtureFiles.Utc(2016, 2, 20, 18, 40, 33));
        FixtureFiles.Annotation(first, "playlist").ShouldBe("history");
        FixtureFiles.Flags(sink.Records[1]).ShouldBeEmpty();
        FixtureFiles.Flags(sink.Records[2]).ShouldBe(["deletedVideo"]);
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("playlist-items-2016");
    }

    [Fact]
    public async Task Keeps_likes_and_other_lists_of_the_same_shape_apart_from_watches_and_reports_unknown_fields_once()
    {
        const string json = """
            [ {
              "kind" : "youtube#playlistItem",
              "snippet" : { "publishedAt" : "2016-01-02T03:04:05.000Z", "title" : "Liked thing", "playlistId" : "LLUCmyself", "mood" : "happy" },
              "contentDetails" : { "videoId" : "likedVid001" }
            }, {
              "kind" : "youtube#playlistItem",
              "snippet" : { "publishedAt" : "2016-01-02T03:04:06.000Z", "title" : "Later thing", "playlistId" : "WLUCmyself", "mood" : "sad",
                            "resourceId" : { "kind" : "youtube#video", "videoId" : "laterVid001" } }
            }, {
              "kind" : "youtube#playlistItem",
              "snippet" : { "title" : "No date" },
              "contentDetails" : { "videoId" : "noDate00001" }
            } ]
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.Select(r => (r.Kind, r.Title)).ShouldBe(
            [(RecordKind.ActivityEvent, "Liked Liked thing"), (RecordKind.ActivityEvent, "Added to Watch later: Later thing")]);
        sink.Records[1].Url.ShouldBe("https://www.youtube.com/watch?v=laterVid001", "the video id falls back to snippet.resourceId");
        sink.Records[0].Identity.ShouldBe("youtube.playlist:LLUCmyself/likedVid001@2016-01-02T03:04:05.000Z");
        sink.UnknownFields.ShouldBe([("$[].snippet.mood", "happy")]);
        sink.Rejections.ShouldBe([(RejectReason.MissingTime, "A playlist item at byte 486 has no publishedAt and was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rejects_items_without_a_video_id_or_a_readable_time_and_items_that_are_not_objects()
    {
        const string json = """[{"snippet":{"publishedAt":"2016-01-02T03:04:05Z","title":"gone"}},{"snippet":{"publishedAt":"someday"},"contentDetails":{"videoId":"v1"}},7]""";

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe(
        [
            (RejectReason.MissingField, "A playlist item at byte 1 has no video id and was skipped."),
            (RejectReason.UnreadableTime, "A playlist item at byte 67 has an unreadable publishedAt (\"someday\") and was skipped."),
            (RejectReason.Unparseable, "A playlist item at byte 139 is not a JSON object and was skipped."),
        ]);
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_chunking()
    {
        var whole = FixtureFiles.Summary(await FixtureFiles.ReadAsync(_reader, FormatId, Fixture));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            var trickled = await FixtureFiles.ReadAsync(_reader, FormatId, Fixture, bytesPerRead);
            FixtureFiles.Summary(trickled).ShouldBe(whole, $"reading {bytesPerRead} bytes at a time");
        }
    }

    [Fact]
    public async Task Broken_json_fails_with_the_byte_offset()
    {
        const string json = """[{"kind":"youtube#playlistItem","snippet":{"publishedAt":"2016-01-01T00:00:00Z"}},{"kind":"youtube#playlistItem","snippet":]""";

        var error = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, bytesPerRead: 7));

        error.ByteOffset.ShouldBe(json.LastIndexOf(']'));
    }

    [Fact]
    public void Detects_the_resource_list_by_its_kind()
    {
        const string legacy = """[ { "kind" : "youtube#playlistItem", "etag" : "\"x\"" } ]""";

        FormatHarness.Detect(_reader, "Takeout/YouTube/history/watch-history.json", legacy).ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/YouTube/playlists/likes.json", "\uFEFF" + legacy).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/YouTube and YouTube Music/history/watch-history.json", """[{"header":"YouTube","title":"Watched x","time":"t"}]""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/YouTube/history/watch-history.json", "[]").ShouldBe(FormatMatch.None);
    }
}
