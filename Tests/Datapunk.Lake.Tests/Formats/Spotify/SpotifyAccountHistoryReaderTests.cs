using Datapunk.Lake.Formats.Spotify;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Spotify;

public sealed class SpotifyAccountHistoryReaderTests
{
    private readonly SpotifyAccountHistoryReader _reader = new();

    [Fact]
    public async Task Reads_minute_precision_plays_and_collapses_only_identical_plays_in_one_minute()
    {
        var sink = await ReadFixtureAsync("StreamingHistory_music_0.json");

        sink.Records.Count.ShouldBe(6);
        sink.Records.Select(r => r.Identity).Distinct().Count().ShouldBe(5, "the two 0 ms skips of Digital Love at 07:04 are one play");
        var first = sink.Records[0];
        first.Kind.ShouldBe(RecordKind.SpotifyPlay);
        first.Title.ShouldBe("Daft Punk — One More Time");
        first.OccurredAt.ShouldBe(new DateTime(2022, 10, 28, 7, 3, 0, DateTimeKind.Utc));
        first.Identity.ShouldBe(RecordIdentity.FromContent(new DateTime(2022, 10, 28, 7, 3, 0, DateTimeKind.Utc), "Daft Punk", "One More Time", 320357L));
        first.Source!.ToJsonString().ShouldBe("""{"endTime":"2022-10-28 07:03","artistName":"Daft Punk","trackName":"One More Time","msPlayed":320357}""");
        sink.Records[4].Identity.ShouldNotBe(sink.Records[2].Identity, "the same track played to the end later is another play");
        sink.Records[5].Title.ShouldBe("Sigur Rós — Hoppípolla");
        sink.Variant.ShouldBe("account-music");
        sink.UnknownFields.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_the_older_unsuffixed_file_and_podcast_plays()
    {
        var older = await ReadFixtureAsync("StreamingHistory0.json");
        var podcast = await ReadFixtureAsync("StreamingHistory_podcast_0.json");

        older.Records.Select(r => r.Title).ShouldBe(["Radiohead — Weird Fishes/Arpeggi", "Radiohead — All I Need"]);
        var episode = podcast.Records.ShouldHaveSingleItem();
        episode.Title.ShouldBe("The Daily — The Sunday Read: 'A Quiet Life'");
        episode.OccurredAt.ShouldBe(new DateTime(2023, 2, 3, 8, 12, 0, DateTimeKind.Utc));
        podcast.Variant.ShouldBe("account-podcast");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Reads_the_same_when_the_stream_trickles(int bytesPerRead)
    {
        var whole = await ReadFixtureAsync("StreamingHistory_music_0.json");

        var trickled = await ReadFixtureAsync("StreamingHistory_music_0.json", bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Reports_unknown_fields_once_and_rejects_unusable_elements_and_repeated_keys_with_their_offsets()
    {
        const string json = """
            [{"endTime":"2022-10-28 07:03","artistName":"A","trackName":"T","msPlayed":1,"platform":"ios"},
             {"endTime":"2022-10-28 07:04","artistName":"A","trackName":"T","msPlayed":2,"platform":"android"},
             {"endTime":"yesterday","artistName":"A","trackName":"T","msPlayed":3},
             42,
             {"endTime":"2022-10-28 07:05","artistName":"A","artistName":"B","trackName":"T","msPlayed":4},
             {"artistName":"A","trackName":"T","msPlayed":5}]
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json, "MyData/StreamingHistory_music_1.json");

        sink.Records.Count.ShouldBe(2);
        sink.UnknownFields.ShouldBe([("$[].platform", "ios")]);
        sink.Rejections.ShouldBe([
            (RejectReason.UnreadableTime, "The play at byte 197 has an unreadable endTime (\"yesterday\"); it was skipped."),
            (RejectReason.Unparseable, "The element at byte 269 is not an object; it was skipped."),
            (RejectReason.Unparseable, "The element at byte 274 was skipped: Duplicate property 'artistName' encountered during deserialization."),
            (RejectReason.MissingTime, "The play at byte 370 has no endTime; it was skipped."),
        ]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_truncated_file_fails_with_the_offset_after_the_last_complete_play()
    {
        const string json = """[{"endTime":"2022-10-28 07:03","artistName":"A","trackName":"T","msPlayed":1},{"endTime":"2022-10-28 07""";

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, "MyData/StreamingHistory_music_0.json"));

        failure.ByteOffset.ShouldBe(78);
    }

    [Fact]
    public void Detects_by_the_account_data_keys_and_not_the_extended_history()
    {
        FormatHarness.Detect(_reader, "MyData/StreamingHistory_music_3.json", """[{"endTime" : "2022-10-28 07:03","artistName" : "A","trackName" : "T","msPlayed" : 1}]""")
            .ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Export/Verlauf.json", """[{"endTime":"2022-10-28 07:03","artistName":"A","trackName":"T","msPlayed":1}]""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "MyData/StreamingHistory_music_3.json", "[]").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "MyData/endsong_0.json", """[{"ts":"2019-06-04T14:34:19Z","ms_played":1,"spotify_track_uri":"x"}]""").ShouldBe(FormatMatch.None);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "spotify.streaming-history", "MyData", name);

    private Task<CollectingSink> ReadFixtureAsync(string name, int bytesPerRead = 4096) =>
        FormatHarness.ReadAsync(_reader, File.ReadAllText(Fixture(name)), "MyData/" + name, bytesPerRead);
}
