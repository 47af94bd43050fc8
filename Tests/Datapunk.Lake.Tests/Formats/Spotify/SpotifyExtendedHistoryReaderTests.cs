using Datapunk.Lake.Formats.Spotify;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Spotify;

public sealed class SpotifyExtendedHistoryReaderTests
{
    private const string EndsongFixture = "MyData/endsong_0.json";
    private const string AudioFixture = "Spotify Extended Streaming History/Streaming_History_Audio_2023.json";

    private readonly SpotifyExtendedHistoryReader _reader = new();

    [Fact]
    public async Task Reads_older_endsong_plays_with_offline_times_in_milliseconds()
    {
        var sink = await ReadFixtureAsync(EndsongFixture);

        sink.Records.Count.ShouldBe(3);
        var teardrop = sink.Records[0];
        teardrop.Kind.ShouldBe(RecordKind.SpotifyPlay);
        teardrop.Title.ShouldBe("Massive Attack — Teardrop");
        teardrop.OccurredAt.ShouldBe(new DateTime(2019, 6, 4, 14, 34, 19, DateTimeKind.Utc));
        teardrop.Identity.ShouldBe(RecordIdentity.FromContent(teardrop.OccurredAt, "spotify:track:67Hna13dNDkZvBpTXRIaOJ", 181000L));
        teardrop.Source!["offlineAt"]!.GetValue<string>().ShouldBe("2019-06-04T14:34:18.0000000Z");
        sink.Records[1].Source!.ContainsKey("offlineAt").ShouldBeFalse("offline_timestamp 0 means it was not played offline");
        sink.Records[2].Title.ShouldBeNull("a play whose track metadata is gone has no title");
        sink.Records[2].Identity.ShouldBe(RecordIdentity.FromContent(new DateTime(2019, 6, 3, 9, 2, 10, DateTimeKind.Utc), null, 14500L));
        sink.Variant.ShouldBe("endsong");
        sink.UnknownFields.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_newer_unsorted_plays_with_offline_times_in_seconds_and_episodes()
    {
        var sink = await ReadFixtureAsync(AudioFixture);

        sink.Records.Select(r => r.OccurredAt).ShouldBe([
            new DateTime(2023, 11, 20, 18, 2, 44, DateTimeKind.Utc), new DateTime(2023, 1, 2, 7, 30, 0, DateTimeKind.Utc),
            new DateTime(2023, 6, 30, 22, 15, 9, DateTimeKind.Utc),
        ], "file order is kept; the files are not sorted and nothing depends on order");
        sink.Records[0].Title.ShouldBe("Sigur Rós — Hoppípolla");
        sink.Records[0].Source!["offlineAt"]!.GetValue<string>().ShouldBe("2023-11-20T17:58:20.0000000Z");
        var episode = sink.Records[1];
        episode.Title.ShouldBe("The Daily — The Sunday Read: 'A Quiet Life'");
        episode.Identity.ShouldBe(RecordIdentity.FromContent(episode.OccurredAt, "spotify:episode:0Q86acNRm6V9GYx55SXKwf", 1843000L));
        episode.Source!.ContainsKey("offlineAt").ShouldBeFalse();
        sink.Variant.ShouldBe("streaming-history");
        sink.UnknownFields.ShouldBeEmpty();
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
        var whole = await ReadFixtureAsync(AudioFixture);

        var trickled = await ReadFixtureAsync(AudioFixture, bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Reports_a_new_field_once_for_the_whole_file()
    {
        const string json = """
            [{"ts":"2024-02-01T10:00:00Z","ms_played":1000,"spotify_track_uri":"spotify:track:a","master_metadata_track_name":"A","master_metadata_album_artist_name":"B","dj_mode":false},
             {"ts":"2024-02-01T10:05:00Z","ms_played":2000,"spotify_track_uri":"spotify:track:b","master_metadata_track_name":"C","master_metadata_album_artist_name":"D","dj_mode":true}]
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json, "MyData/Streaming_History_Audio_2024.json");

        sink.Records.Count.ShouldBe(2);
        sink.UnknownFields.ShouldBe([("$[].dj_mode", "false")]);
    }

    [Fact]
    public async Task Rejects_plays_without_a_usable_ts_and_elements_that_are_not_plays_with_their_offsets()
    {
        const string json = """[{"ms_played":1},{"ts":12345678901234567890,"ms_played":2},[1],{"ts":"2024-02-01T10:00:00Z","ms_played":3}]""";

        var sink = await FormatHarness.ReadAsync(_reader, json, "MyData/Streaming_History_Audio_2024.json");

        sink.Records.ShouldHaveSingleItem().OccurredAt.ShouldBe(new DateTime(2024, 2, 1, 10, 0, 0, DateTimeKind.Utc));
        sink.Rejections.ShouldBe(
        [
            (RejectReason.MissingTime, "The play at byte 1 has no ts; it was skipped."),
            (RejectReason.UnreadableTime, "The play at byte 17 has an unreadable ts (\"12345678901234567890\"); it was skipped."),
            (RejectReason.Unparseable, "The element at byte 59 is not an object; it was skipped."),
        ]);
    }

    [Fact]
    public async Task Broken_json_fails_with_the_byte_offset()
    {
        const string json = """[{"ts":"2024-02-01T10:00:00Z","ms_played":1000},{"ts":"2024-02-01T10:05:00Z" "ms_played":2000}]""";

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, "MyData/endsong_1.json"));

        failure.ByteOffset.ShouldBe(json.IndexOf("\"ms_played\":2000", StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_by_the_extended_keys_and_not_the_account_data()
    {
        FormatHarness.Detect(_reader, "MyData/endsong_4.json", """[{"ts":"2019-06-04T14:34:19Z","username":"u","ms_played":1,"master_metadata_track_name":"x"}]""")
            .ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Spotify/Verlauf_2023.json", """[{"ts":"2023-01-01T00:00:00Z","ms_played":1,"spotify_track_uri":"x"}]""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Spotify Extended Streaming History/Streaming_History_Video_2022-2023.json", "[]").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "MyData/StreamingHistory0.json", """[{"endTime":"2022-10-28 07:03","trackName":"T","msPlayed":1}]""").ShouldBe(FormatMatch.None);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "spotify.extended-history", name);

    private Task<CollectingSink> ReadFixtureAsync(string name, int bytesPerRead = 4096) =>
        FormatHarness.ReadAsync(_reader, File.ReadAllText(Fixture(name)), name, bytesPerRead);
}
