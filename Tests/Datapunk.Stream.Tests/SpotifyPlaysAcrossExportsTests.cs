using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake;
using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// A Spotify play both polled from the Web API and imported from an extended streaming history is stored
/// once, the export's copy, in either order and whether <c>played_at</c> is the play's end or its start
/// (PlayPairing, docs/sources.md), and the same for the account data's shorter history (by title and
/// minute): the import or the poll counts it as a match of the other's file. Two
/// plays of one track back to back stay two; another user's plays are not touched; a poll read again
/// stores nothing twice.
/// </summary>
public sealed class SpotifyPlaysAcrossExportsTests : SpotifyEngineTest
{
    // Three plays: their ends (with milliseconds: the export cuts them to the second) and time played.
    private static readonly (DateTimeOffset End, string TrackId, long MsPlayed)[] ThreePlays =
    [
        (new DateTimeOffset(2026, 6, 1, 8, 3, 20, 430, TimeSpan.Zero), "t-one", 185_123),
        (new DateTimeOffset(2026, 6, 1, 8, 6, 40, 910, TimeSpan.Zero), "t-two", 200_000),
        (new DateTimeOffset(2026, 6, 1, 8, 8, 11, 5, TimeSpan.Zero), "t-three", 90_500),
    ];

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Three_plays_polled_and_imported_are_stored_once_as_the_exports_copies(bool pollFirst, bool playedAtIsTheEnd)
    {
        var (userId, _, key) = await ConnectedAsync("plays", ThreePlays, playedAtIsTheEnd);
        var (otherUser, _, otherKey) = await ConnectedAsync("other", ThreePlays, playedAtIsTheEnd);
        (await Engine.Get<ConnectionPoller>().PollAsync(otherKey, Cancel)).NewRecords.ShouldBe(3);
        using var folder = new TempFolder();
        var export = Export(folder, ThreePlays);

        var (poll, import) = await BothAsync(key, userId, export, pollFirst);

        poll.Succeeded.ShouldBeTrue(poll.Error);
        (await PlaysAsync(userId)).ShouldBe(3);
        (await ExportedCopiesAsync(userId)).ShouldBe(3, "the export's copies are kept: they have ms_played");
        (await UserRows.ScalarAsync<long>(userId,
            $"SELECT count(*) FROM user_data.records WHERE user_id = $1 AND kind = 13 AND source ? '{PlayPairing.PolledIdentityField}'", userId))
            .ShouldBe(3, "each names the polled play it was paired with");
        if (pollFirst)
        {
            poll.NewRecords.ShouldBe(3);
            import.Inserted.ToDictionary()["spotify_plays"].ShouldBe(0, "the polled rows became the export's plays");
            import.Duplicates.ShouldBe(3);
            import.Matched[MatchRule.CrossFormat].ShouldBe(3);
            import.Matched.Total.ShouldBe(3);
        }
        else
        {
            import.Inserted.ToDictionary()["spotify_plays"].ShouldBe(3);
            poll.NewRecords.ShouldBe(0, "every polled play is a play of the export");
            (await PageMatchesAsync(userId)).ShouldBe("cross_format:3");
        }

        (await LineageAsync(userId)).ShouldBe(pollFirst
            ? "spotify.extended-history>spotify.api.recently-played cross_format 3"
            : "spotify.api.recently-played>spotify.extended-history cross_format 3");
        (await PlaysAsync(otherUser)).ShouldBe(3);
        (await ExportedCopiesAsync(otherUser)).ShouldBe(0, "another user's identical plays are not touched");

        // As if the cursor had been lost (a crash between the page and its cursor): the plays are read again.
        await UserRows.ScalarAsync<int>(userId,
            "WITH u AS (UPDATE user_data.connections SET cursor = '{}' WHERE user_id = $1 RETURNING 1) SELECT count(*)::int FROM u", userId);
        var again = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        again.Succeeded.ShouldBeTrue(again.Error);
        again.NewRecords.ShouldBe(0);
        (await PlaysAsync(userId)).ShouldBe(3);
        (await ExportedCopiesAsync(userId)).ShouldBe(3);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task One_track_played_twice_back_to_back_is_two_plays(bool pollFirst, bool playedAtIsTheEnd)
    {
        // The first play's end is the second's start: each polled play agrees with both exported ones by one reading or the other.
        var firstEnd = new DateTimeOffset(2026, 6, 2, 21, 0, 0, 0, TimeSpan.Zero);
        (DateTimeOffset, string, long)[] twice = [(firstEnd, "t-loop", 200_000), (firstEnd.AddMilliseconds(200_000), "t-loop", 200_000)];
        var (userId, _, key) = await ConnectedAsync("twice", twice, playedAtIsTheEnd);
        using var folder = new TempFolder();

        var (poll, import) = await BothAsync(key, userId, Export(folder, twice), pollFirst);

        poll.Succeeded.ShouldBeTrue(poll.Error);
        (await PlaysAsync(userId)).ShouldBe(2);
        (await ExportedCopiesAsync(userId)).ShouldBe(2);
        if (pollFirst)
        {
            import.Matched[MatchRule.CrossFormat].ShouldBe(2);
        }
        else
        {
            (await PageMatchesAsync(userId)).ShouldBe("cross_format:2");
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Three_plays_polled_and_in_the_account_data_history_are_stored_once_as_the_exports_copies(bool pollFirst, bool playedAtIsTheEnd)
    {
        var (userId, _, key) = await ConnectedAsync("account", ThreePlays, playedAtIsTheEnd);
        using var folder = new TempFolder();

        var (poll, import) = await BothAsync(key, userId, AccountHistory(folder, ThreePlays), pollFirst);

        poll.Succeeded.ShouldBeTrue(poll.Error);
        (await PlaysAsync(userId)).ShouldBe(3);
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1 AND kind = 13 AND source ? 'msPlayed'", userId))
            .ShouldBe(3, "the account history's copies are kept");
        if (pollFirst)
        {
            import.Matched[MatchRule.CrossFormat].ShouldBe(3);
        }
        else
        {
            poll.NewRecords.ShouldBe(0);
            (await PageMatchesAsync(userId)).ShouldBe("cross_format:3");
        }
    }

    [Fact]
    public async Task A_poll_and_an_import_of_one_users_plays_take_turns()
    {
        var (userId, _, key) = await ConnectedAsync("turns", ThreePlays, playedAtIsTheEnd: true);
        using var folder = new TempFolder();
        var export = Export(folder, ThreePlays);

        // As a writer of the user's plays would hold it: neither the poll's page nor the export's chunk may
        // pair plays meanwhile, since each would miss what the other is storing.
        await using var connection = await (await StreamDatabase.SiloLoginAsync()).OpenConnectionAsync(Cancel);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, Cancel);
        await PlayWriterLock.ExclusiveAsync(connection, transaction, userId, Cancel);
        var poll = Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);
        var import = ExportImports.ImportAsync(userId, export);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);

        poll.IsCompleted.ShouldBeFalse("the page of plays waits for the lock");
        import.IsCompleted.ShouldBeFalse("the chunk of plays waits for the lock");
        (await PlaysAsync(userId)).ShouldBe(0);
        await transaction.CommitAsync(Cancel);
        (await poll).Succeeded.ShouldBeTrue();
        await import;
        (await PlaysAsync(userId)).ShouldBe(3);
        (await ExportedCopiesAsync(userId)).ShouldBe(3);
    }

    [Fact]
    public async Task A_play_more_than_two_seconds_from_the_exports_end_and_start_is_another_play()
    {
        var played = ThreePlays[0];
        var (userId, _, key) = await ConnectedAsync("apart", [(played.End.AddMilliseconds(2_600), played.TrackId, played.MsPlayed)], playedAtIsTheEnd: true);
        using var folder = new TempFolder();

        var (poll, import) = await BothAsync(key, userId, Export(folder, [played]), pollFirst: true);

        poll.NewRecords.ShouldBe(1);
        import.Inserted.ToDictionary()["spotify_plays"].ShouldBe(1);
        import.Matched.Total.ShouldBe(0);
        (await PlaysAsync(userId)).ShouldBe(2);
    }

    private async Task<(PollResult Poll, ImportTotals Import)> BothAsync(ConnectionKey key, string userId, string export, bool pollFirst)
    {
        var poller = Engine.Get<ConnectionPoller>();
        if (pollFirst)
        {
            var poll = await poller.PollAsync(key, Cancel);
            return (poll, await ExportImports.ImportAsync(userId, export));
        }

        var import = await ExportImports.ImportAsync(userId, export);
        return (await poller.PollAsync(key, Cancel), import);
    }

    /// <summary>An extended streaming history of <paramref name="plays"/>: <c>ts</c> cut to the second, as Spotify writes it.</summary>
    private static string Export(TempFolder folder, IEnumerable<(DateTimeOffset End, string TrackId, long MsPlayed)> plays)
    {
        var history = new JsonArray([.. plays.Select(play => (JsonNode)new JsonObject
        {
            ["ts"] = play.End.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["platform"] = "android",
            ["ms_played"] = play.MsPlayed,
            ["conn_country"] = "CH",
            ["master_metadata_track_name"] = "Track " + play.TrackId,
            ["master_metadata_album_artist_name"] = "Artist",
            ["master_metadata_album_album_name"] = "Album",
            ["spotify_track_uri"] = $"spotify:track:{play.TrackId}",
        })]);
        return ArchiveBuilder.Zip(folder.File("my_spotify_data.zip"), ("Spotify Extended Streaming History/Streaming_History_Audio_2026.json", ArchiveBuilder.Text(history.ToJsonString())));
    }

    /// <summary>The account data's history of <paramref name="plays"/>: <c>endTime</c> to the minute, artist and track names, no uri.</summary>
    private static string AccountHistory(TempFolder folder, IEnumerable<(DateTimeOffset End, string TrackId, long MsPlayed)> plays)
    {
        var history = new JsonArray([.. plays.Select(play => (JsonNode)new JsonObject
        {
            ["endTime"] = play.End.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["artistName"] = "Artist",
            ["trackName"] = "Track " + play.TrackId,
            ["msPlayed"] = play.MsPlayed,
        })]);
        return ArchiveBuilder.Zip(folder.File("my_spotify_data.zip"), ("MyData/StreamingHistory_music_0.json", ArchiveBuilder.Text(history.ToJsonString())));
    }

    private Task<(string UserId, FakeSpotifyAccount Account, ConnectionKey Key)> ConnectedAsync(
        string prefix, IEnumerable<(DateTimeOffset End, string TrackId, long MsPlayed)> plays, bool playedAtIsTheEnd) =>
        Authorizations.NewConnectionAsync(Engine, Spotify, prefix, account =>
        {
            foreach (var (end, trackId, msPlayed) in plays)
            {
                account.Play(playedAtIsTheEnd ? end : end.AddMilliseconds(-msPlayed), trackId, "Track " + trackId, "Artist");
            }
        });

    private static Task<long> PlaysAsync(string userId) =>
        UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1 AND kind = 13", userId);

    private static Task<long> ExportedCopiesAsync(string userId) =>
        UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1 AND kind = 13 AND source ? 'ms_played'", userId);

    /// <summary>The polled pages' matches by rule, summed over the pages (their files' counts), as "rule:count" for those not zero.</summary>
    private static Task<string> PageMatchesAsync(string userId) => UserRows.ScalarAsync<string>(userId, """
        SELECT string_agg(rule || ':' || n, ',' ORDER BY rule) FROM (
            SELECT m.key AS rule, sum(m.value::bigint) AS n FROM imports.files f, jsonb_each_text(f.counts->'matched') m
            WHERE f.user_id = $1 AND f.format_id = 'spotify.api.recently-played' GROUP BY m.key HAVING sum(m.value::bigint) > 0) s
        """, userId);

    /// <summary>The lineage rows: "read format>stored format rule records".</summary>
    private static Task<string> LineageAsync(string userId) => UserRows.ScalarAsync<string>(userId, """
        SELECT string_agg(f.format_id || '>' || s.format_id || ' ' || m.rule || ' ' || m.records, ', ')
        FROM imports.file_matches m JOIN imports.files f ON f.file_id = m.file_id JOIN imports.files s ON s.file_id = m.matched_file_id
        WHERE m.user_id = $1
        """, userId);
}
