using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a Spotify connection's saved tracks and playlists against the fake Web API: the first
/// stores everything, page by page; later ones read saved tracks only down to the newest one stored and
/// the items of a playlist only when its snapshot_id changed; throttling in the middle of paging loses
/// nothing and stores nothing twice, and a sweep cut short goes on where it stopped.
/// </summary>
public sealed class SpotifyLibraryTests : SpotifyEngineTest
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_poll_stores_every_saved_track_and_playlist_item_and_the_second_stores_nothing_and_reads_no_unchanged_playlist()
    {
        var (userId, account, key) = await ConnectedAsync(saved: 120);
        var longOne = Fill(account.Playlist("pl-long", "Long one"), 150);
        Fill(account.Playlist("pl-short", "Short one"), 3);
        var poller = Engine.Get<ConnectionPoller>();

        var first = await poller.PollAsync(key, Cancel);
        var firstRequests = Requests();
        var again = await poller.PollAsync(key, Cancel);
        var againRequests = Requests().Skip(firstRequests.Count).ToList();

        first.Succeeded.ShouldBeTrue(first.Error);
        first.NewRecords.ShouldBe(120 + 150 + 3);
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(120);
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(153);
        firstRequests.Count(r => r.StartsWith("/v1/me/tracks", StringComparison.Ordinal)).ShouldBe(3, "120 saved tracks are three pages of 50");
        firstRequests.Count(r => r.StartsWith("/v1/playlists/pl-long/tracks", StringComparison.Ordinal)).ShouldBe(2, "150 items are two pages of 100");
        firstRequests.ShouldContain("/v1/playlists/pl-long/tracks?offset=100&limit=100", "the second page is the next link Spotify gave");

        again.Succeeded.ShouldBeTrue(again.Error);
        again.NewRecords.ShouldBe(0);
        againRequests.Where(r => r.Contains("/tracks", StringComparison.Ordinal)).ShouldBe(
            ["/v1/me/tracks?limit=50&offset=0"], "the newest saved track is stored, so one page; no playlist changed, so no item is read");
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(120);
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(153);

        // Identities (pinned here: no export reader makes these kinds), times, titles and lineage.
        var newest = account.Saved[0];
        (await UserRows.ScalarAsync<string>(userId,
            "SELECT identity || ' ' || title || ' ' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM user_data.records WHERE user_id = $1 AND kind = 15 ORDER BY occurred_at DESC LIMIT 1", userId))
            .ShouldBe($"spotify-api:saved:{newest.TrackId}:{newest.AddedAt.ToUnixTimeMilliseconds()} Artist — {newest.Name} 2026-06-01 09:59");
        var item = longOne.Items[0];
        (await UserRows.ScalarAsync<string>(userId,
            "SELECT identity || ' ' || body || ' ' || (source->>'playlist_id') FROM user_data.records WHERE user_id = $1 AND kind = 16 AND source->>'track_uri' = $2",
            userId, $"spotify:track:{item.TrackId}"))
            .ShouldBe($"spotify-api:playlist:pl-long:{item.TrackId}:{item.AddedAt.ToUnixTimeMilliseconds()} Long one pl-long");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.format_id, ',' ORDER BY f.format_id) FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id
            WHERE r.user_id = $1 AND r.kind IN (15, 16)
            """, userId)).ShouldBe("spotify.api.playlist-items,spotify.api.saved-tracks");
    }

    [Fact]
    public async Task A_new_saved_track_and_a_changed_playlist_are_picked_up_and_nothing_else_is_read()
    {
        var (userId, account, key) = await ConnectedAsync(saved: 60);
        var changing = Fill(account.Playlist("pl-a", "Changing"), 2);
        Fill(account.Playlist("pl-b", "Steady"), 2);
        var poller = Engine.Get<ConnectionPoller>();
        await poller.PollAsync(key, Cancel);
        var before = Requests().Count;

        account.Save(Start.AddDays(1), "saved-new", "Fresh", "Artist");
        changing.Add(Start.AddDays(1), "added-new", "Added", "Artist");
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(2, "the new saved track and the new playlist item");
        Requests().Skip(before).Where(r => r.Contains("/tracks", StringComparison.Ordinal)).ShouldBe(
            ["/v1/me/tracks?limit=50&offset=0", "/v1/playlists/pl-a/tracks?limit=100&offset=0"], "only the changed playlist is read");
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(61);
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(5);
    }

    [Fact]
    public async Task A_429_in_the_middle_of_paging_is_waited_out_and_the_pages_stored_once()
    {
        var (userId, account, key) = await ConnectedAsync(saved: 120);
        Fill(account.Playlist("pl-paged", "Paged"), 250);
        Spotify.FaultOn("/v1/me/tracks?limit=50&offset=50", new FakeSpotifyFault(429, TimeSpan.FromSeconds(1)));
        Spotify.FaultOn("/v1/playlists/pl-paged/tracks?offset=100", new FakeSpotifyFault(429, TimeSpan.FromSeconds(1)));

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        Requests().Count(r => r == "/v1/me/tracks?limit=50&offset=50").ShouldBe(2, "the throttled page was asked again");
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(120);
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(250);
        (await DistinctIdentitiesAsync(userId)).ShouldBe(370);
    }

    [Fact]
    public async Task A_sweep_ended_by_a_long_429_goes_on_from_where_it_stopped_without_loss_or_duplicates()
    {
        var (userId, account, key) = await ConnectedAsync(saved: 160);
        Fill(account.Playlist("pl-big", "Big"), 250);
        var poller = Engine.Get<ConnectionPoller>();
        Spotify.FaultOn("/v1/me/tracks?limit=50&offset=100", new FakeSpotifyFault(429, TimeSpan.FromMinutes(2)));

        var cut = await poller.PollAsync(key, Cancel);

        cut.Succeeded.ShouldBeFalse("Retry-After: 120 is longer than a poll waits");
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(100, "the two pages before the 429 were stored");
        var before = Requests().Count;
        account.Save(Start.AddDays(2), "saved-meanwhile", "Meanwhile", "Artist");
        Spotify.FaultOn("/v1/playlists/pl-big/tracks?offset=200", new FakeSpotifyFault(429, TimeSpan.FromMinutes(2)));

        var second = await poller.PollAsync(key, Cancel);

        second.Succeeded.ShouldBeFalse();
        Requests().Skip(before).Where(r => r.StartsWith("/v1/me/tracks", StringComparison.Ordinal)).First()
            .ShouldBe("/v1/me/tracks?limit=50&offset=50", "the sweep goes on one page before where it stopped");
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(160, "the sweep ended at the library's end; the track saved meanwhile comes with the next sweep");
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(200);
        before = Requests().Count;

        var third = await poller.PollAsync(key, Cancel);

        third.Succeeded.ShouldBeTrue(third.Error);
        var thirdRequests = Requests().Skip(before).ToList();
        thirdRequests.ShouldContain("/v1/playlists/pl-big/tracks?limit=100&offset=200", "the playlist's read goes on at its offset, its snapshot unchanged");
        thirdRequests.ShouldNotContain(r => r.StartsWith("/v1/playlists/pl-big/tracks?limit=100&offset=0", StringComparison.Ordinal));
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(161);
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(250);
        (await DistinctIdentitiesAsync(userId)).ShouldBe(411);

        var settled = await poller.PollAsync(key, Cancel);
        settled.NewRecords.ShouldBe(0);
    }

    private List<string> Requests() => [.. Spotify.ApiRequests.Select(request => request.Path)];

    [Fact]
    public async Task A_connection_not_granted_the_library_still_polls_its_plays_and_reads_the_library_once_granted()
    {
        var (userId, account, key) = await ConnectedAsync(saved: 3);
        Fill(account.Playlist("pl-granted-later", "Later"), 2);
        account.Play(Start, "p1", "Played", "Artist");
        // Spotify answers 403 to a token without user-library-read or playlist-read-private (authorised before Datapunk asked for them).
        Spotify.FaultOn("/v1/me/tracks", new FakeSpotifyFault(403));
        Spotify.FaultOn("/v1/me/playlists", new FakeSpotifyFault(403));
        var poller = Engine.Get<ConnectionPoller>();

        var refused = await poller.PollAsync(key, Cancel);
        var waiting = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Activity;
        var granted = await poller.PollAsync(key, Cancel);
        var connected = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Activity;

        refused.Succeeded.ShouldBeTrue(refused.Error);
        refused.NewRecords.ShouldBe(1, "the play; the library was refused");
        granted.Succeeded.ShouldBeTrue(granted.Error);
        granted.NewRecords.ShouldBe(3 + 2, "the saved tracks and the playlist's items, once Spotify grants them");
        waiting.ShouldBe("Saved tracks and playlists wait for the account to be connected again: Spotify refuses them to this connection, authorised before Datapunk read them.");
        connected.ShouldBeNull("the status no longer says so once the library is read");
        (await CountAsync(userId, "spotify_plays")).ShouldBe(1);
        (await CountAsync(userId, "spotify_saved_tracks")).ShouldBe(3);
        (await CountAsync(userId, "spotify_playlist_items")).ShouldBe(2);
    }

    private static FakeSpotifyPlaylist Fill(FakeSpotifyPlaylist playlist, int items)
    {
        for (var i = 0; i < items; i++)
        {
            playlist.Add(Start.AddMinutes(i), $"{playlist.Id}-t{i}", $"Item {i}", "Artist");
        }

        return playlist;
    }

    private static Task<long> CountAsync(string userId, string kind) => UserRows.ScalarAsync<long>(userId,
        "SELECT count(*) FROM user_data.records r JOIN user_data.record_kinds k USING (kind) WHERE r.user_id = $1 AND k.name = $2", userId, kind);

    private static Task<long> DistinctIdentitiesAsync(string userId) => UserRows.ScalarAsync<long>(userId,
        "SELECT count(DISTINCT (kind, identity)) FROM user_data.records WHERE user_id = $1 AND kind IN (15, 16)", userId);

    private Task<(string UserId, FakeSpotifyAccount Account, ConnectionKey Key)> ConnectedAsync(int saved) =>
        Authorizations.NewConnectionAsync(Engine, Spotify, "library", account =>
        {
            for (var i = 0; i < saved; i++)
            {
                account.Save(Start.AddMinutes(i), $"s{i}", $"Saved {i}", "Artist");
            }
        });
}
