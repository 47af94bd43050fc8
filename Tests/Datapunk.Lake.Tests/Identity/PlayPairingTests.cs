namespace Datapunk.Lake.Tests.Identity;

/// <summary>
/// The rule that pairs a polled Spotify play with an exported one (<see cref="PlayPairing"/>), by literal
/// times: within 2 s of the export's end or of its start, same track, one to one, the same pairs whichever
/// reading of <c>played_at</c> is right.
/// </summary>
public sealed class PlayPairingTests
{
    private static readonly DateTime End = new(2026, 6, 1, 8, 3, 20, DateTimeKind.Utc);

    private static readonly ExportedPlay Exported = new("h:e", "spotify:track:a", "Artist — A", End, 185_123);

    [Theory]
    [InlineData("2026-06-01T08:03:20.430Z", "spotify:track:a", true)] // the end, to the millisecond
    [InlineData("2026-06-01T08:03:22.000Z", "spotify:track:a", true)] // 2 s after the end
    [InlineData("2026-06-01T08:03:17.999Z", "spotify:track:a", false)] // 2.001 s before the end
    [InlineData("2026-06-01T08:00:14.877Z", "spotify:track:a", true)] // the start: ts − ms_played
    [InlineData("2026-06-01T08:00:16.877Z", "spotify:track:a", true)] // 2 s after the start
    [InlineData("2026-06-01T08:00:12.800Z", "spotify:track:a", false)] // 2.077 s before the start
    [InlineData("2026-06-01T08:01:47.000Z", "spotify:track:a", false)] // the middle of the play
    [InlineData("2026-06-01T08:03:20.430Z", "spotify:track:b", false)] // another track
    public void A_polled_play_is_an_exported_one_within_two_seconds_of_its_end_or_start_on_the_same_track(string playedAt, string trackUri, bool same) =>
        PlayPairing.AreSamePlay(new PolledPlay("spotify-api:1:x", trackUri, "Artist — A", Utc(playedAt)), Exported)
            .ShouldBe(same);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Three_plays_of_one_track_back_to_back_pair_in_order_whichever_reading_of_played_at(bool playedAtIsTheEnd)
    {
        // Each play is 200 s: the end of one is the start of the next.
        ExportedPlay[] exported = [.. Enumerable.Range(0, 3).Select(i => new ExportedPlay($"h:{i}", "spotify:track:loop", "Artist — Loop", End.AddSeconds(200 * i), 200_000))];
        PolledPlay[] polled = [.. exported.Select((play, i) => new PolledPlay($"spotify-api:{i}", "spotify:track:loop", "Artist — Loop", playedAtIsTheEnd ? play.EndedAt : play.StartedAt))];

        PlayPairing.Pair(polled, exported).ShouldBe([(0, 0), (1, 1), (2, 2)]);
    }

    [Fact]
    public void An_exported_play_pairs_with_one_polled_play_only()
    {
        PolledPlay[] polled = [new("spotify-api:b", "spotify:track:a", "Artist — A", End.AddSeconds(1)), new("spotify-api:a", "spotify:track:a", "Artist — A", End)];

        PlayPairing.Pair(polled, [Exported]).ShouldBe([(1, 0)], "the earlier polled play takes it");
    }

    [Theory]
    [InlineData("2026-06-01T08:03:59.999Z", "Artist — A", true)] // played_at (the end) in endTime's minute
    [InlineData("2026-06-01T08:04:00.000Z", "Artist — A", false)] // the next minute
    [InlineData("2026-06-01T08:00:14.877Z", "Artist — A", true)] // played_at + msPlayed (the start) in it
    [InlineData("2026-06-01T07:59:54.000Z", "Artist — A", false)] // played_at + msPlayed (08:02:59.123) in the minute before
    [InlineData("2026-06-01T08:03:20.000Z", "Artist — B", false)] // another title
    public void A_play_of_the_account_history_is_a_polled_one_of_its_title_whose_end_or_start_plus_time_played_falls_in_its_minute(
        string playedAt, string title, bool same) =>
        PlayPairing.AreSamePlay(
            new PolledPlay("spotify-api:1:x", "spotify:track:a", title, Utc(playedAt)),
            new ExportedPlay("h:m", null, "Artist — A", new DateTime(2026, 6, 1, 8, 3, 0, DateTimeKind.Utc), 185_123))
            .ShouldBe(same);

    private static DateTime Utc(string time) => DateTime.Parse(time, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
}
