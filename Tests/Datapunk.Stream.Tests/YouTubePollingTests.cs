using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a YouTube connection against the fake YouTube API: a first poll reads every subscription,
/// playlist item and like across pages and stores each once with its lineage; a poll with nothing new
/// costs three requests (two of them answered 304) and stores nothing; what was added is found by the
/// next poll, reading only the playlist that changed; a poll cut short goes on from its page token and
/// stores nothing twice; and the records' identities are pinned by literal vectors.
/// </summary>
public sealed class YouTubePollingTests : YouTubeEngineTest
{
    private const string Subscriptions = "/youtube/v3/subscriptions?part=snippet&mine=true&maxResults=50";
    private const string Playlists = "/youtube/v3/playlists?part=snippet,contentDetails&mine=true&maxResults=50";
    private const string Likes = "/youtube/v3/videos?part=snippet&myRating=like&maxResults=50";

    private static string Items(string playlistId) => $"/youtube/v3/playlistItems?part=snippet,contentDetails&playlistId={playlistId}&maxResults=50";

    /// <summary>Three subscriptions, a playlist of three items and one of one, three likes.</summary>
    private static void Fill(FakeYouTubeAccount account)
    {
        account.Subscribe("UCa", "Channel A", Day(1));
        account.Subscribe("UCb", "Channel B", Day(2));
        account.Subscribe("UCc", "Channel C", Day(3));
        account.AddPlaylist("PLlong", "Long one");
        account.AddPlaylist("PLshort", "Short one");
        account.AddToPlaylist("PLlong", "v1", "Video 1", Day(4));
        account.AddToPlaylist("PLlong", "v2", "Video 2", Day(5));
        account.AddToPlaylist("PLlong", "v1", "Video 1", Day(6));
        account.AddToPlaylist("PLshort", "v3", "Video 3", Day(7));
        account.Like("v4", "Video 4");
        account.Like("v5", "Video 5");
        account.Like("v6", "Video 6");
    }

    [Fact]
    public async Task A_first_poll_reads_every_page_of_every_resource_and_stores_each_record_once_with_its_lineage()
    {
        YouTube.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(Fill);
        var before = Requests().Count;

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.NewRecords.ShouldBe(3 + 4 + 3);
        result.Pages.ShouldBe(2 + 2 + 1 + 2, "subscriptions, the long playlist, the short one and likes, in pages of two");
        var requests = Requests(before);
        requests.Count.ShouldBe(2 + 1 + 2 + 1 + 2, string.Join("\n", requests));
        requests[0].ShouldBe(Subscriptions);
        requests[1].ShouldStartWith(Subscriptions + "&pageToken=");
        requests[2].ShouldBe(Playlists, "two playlists fit a page of two");
        requests[3].ShouldBe(Items("PLlong"));
        requests[4].ShouldStartWith(Items("PLlong") + "&pageToken=");
        requests[5].ShouldBe(Items("PLshort"));
        requests[6].ShouldBe(Likes);
        requests[7].ShouldStartWith(Likes + "&pageToken=");

        (await IdentitiesAsync(userId, "youtube_subscriptions")).Count.ShouldBe(3);
        (await IdentitiesAsync(userId, "youtube_playlist_items")).Count.ShouldBe(4, "the video added twice to the long playlist is two items");
        (await IdentitiesAsync(userId, "youtube_likes")).Count.ShouldBe(3);
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.source || ' ' || f.format_id || ' ' || j.status, ',' ORDER BY f.source || ' ' || f.format_id || ' ' || j.status)
            FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id JOIN imports.jobs j ON j.import_id = f.import_id
            WHERE r.user_id = $1
            """, userId)).ShouldBe("youtube-api youtube.api.likes Streaming,youtube-api youtube.api.playlist-items Streaming,youtube-api youtube.api.subscriptions Streaming");
        var cursor = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor;
        cursor["subscriptions"]!["etag"].ShouldNotBeNull("the first page's etag is kept for the next poll's If-None-Match");
        cursor["subscriptions"]!.AsObject().ShouldNotContainKey("sweep", "the sweep is finished");
        cursor["playlists"]!["stored"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["PLlong", "PLshort"]);
    }

    [Fact]
    public async Task A_poll_with_nothing_new_asks_three_requests_two_of_them_answered_304_and_stores_nothing()
    {
        YouTube.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(Fill);
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(10);
        var before = Requests().Count;

        var again = await poller.PollAsync(key, Cancel);

        again.Succeeded.ShouldBeTrue(again.Error);
        again.NewRecords.ShouldBe(0);
        again.Pages.ShouldBe(0, "304s and unchanged playlists give no page");
        Requests(before).ShouldBe([Subscriptions, Playlists, Likes], "no playlist's items are read, no list beyond its first page");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(10);
    }

    [Fact]
    public async Task A_new_subscription_playlist_item_and_like_are_stored_by_the_next_poll_reading_only_the_playlist_that_changed()
    {
        var (userId, account, key) = await ConnectedAsync(Fill);
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(10);
        var before = Requests().Count;

        account.Subscribe("UCd", "Channel D", Day(10));
        account.AddToPlaylist("PLshort", "v7", "Video 7", Day(11));
        account.Like("v8", "Video 8");
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(3, "one of each; what was stored before is matched by identity");
        Requests(before).ShouldBe([Subscriptions, Playlists, Items("PLshort"), Likes]);
        (await IdentitiesAsync(userId, "youtube_subscriptions")).ShouldContain("youtube-api:subscription:UCd");
        (await IdentitiesAsync(userId, "youtube_playlist_items")).ShouldContain($"youtube-api:playlist-item:PLshort:v7:{Day(11).ToUnixTimeMilliseconds()}");
        (await IdentitiesAsync(userId, "youtube_likes")).ShouldContain("youtube-api:like:v8");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(13);
    }

    [Fact]
    public async Task A_poll_cut_short_goes_on_from_its_page_tokens_and_stores_nothing_twice()
    {
        YouTube.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(Fill);
        var poller = Engine.Get<ConnectionPoller>();
        YouTube.FaultOn(Subscriptions + "&pageToken=", 400);

        var cut = await poller.PollAsync(key, Cancel);

        cut.Succeeded.ShouldBeFalse("the second page of subscriptions was refused");
        (await IdentitiesAsync(userId, "youtube_subscriptions")).Count.ShouldBe(2, "the first page was stored");
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor["subscriptions"]!["sweep"]!["pageToken"].ShouldNotBeNull();
        var before = Requests().Count;
        YouTube.FaultOn(Items("PLlong") + "&pageToken=", 400);

        var second = await poller.PollAsync(key, Cancel);

        second.Succeeded.ShouldBeFalse("the long playlist's second page was refused");
        var requests = Requests(before);
        requests[0].ShouldStartWith(Subscriptions + "&pageToken=", Case.Sensitive, "the sweep goes on where it stopped, its first page not read again");
        (await IdentitiesAsync(userId, "youtube_subscriptions")).Count.ShouldBe(3);
        (await IdentitiesAsync(userId, "youtube_playlist_items")).Count.ShouldBe(2);
        before = Requests().Count;

        var third = await poller.PollAsync(key, Cancel);

        third.Succeeded.ShouldBeTrue(third.Error);
        third.NewRecords.ShouldBe(1 + 1 + 3, "the long playlist's last item, the short playlist's, the likes");
        requests = Requests(before);
        requests.ShouldContain(r => r.StartsWith(Items("PLlong") + "&pageToken=", StringComparison.Ordinal), "the long playlist goes on from its page token");
        requests.ShouldNotContain(Items("PLlong"), "its first page is not read again");
        requests[0].ShouldBe(Subscriptions, "the finished sweep's etag is asked with If-None-Match (304)");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(10);
        (await UserRows.ScalarAsync<long>(userId, """
            SELECT coalesce(sum((f.counts->>'read')::bigint), 0)::bigint FROM imports.files f WHERE f.user_id = $1
            """, userId)).ShouldBe(10, "no record was read twice over the three polls");
    }

    [Fact]
    public async Task A_kept_page_token_YouTube_no_longer_takes_starts_the_sweep_again_and_stores_nothing_twice()
    {
        YouTube.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(Fill);
        var poller = Engine.Get<ConnectionPoller>();
        YouTube.FaultOn(Subscriptions + "&pageToken=", 400);
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeFalse();
        YouTube.ForgetPageTokens();
        var before = Requests().Count;

        var restarted = await poller.PollAsync(key, Cancel);

        restarted.Succeeded.ShouldBeTrue(restarted.Error);
        var requests = Requests(before);
        requests[0].ShouldStartWith(Subscriptions + "&pageToken=", Case.Sensitive, "the kept token is tried first (400)");
        requests[1].ShouldBe(Subscriptions, "then the sweep starts again");
        requests[2].ShouldStartWith(Subscriptions + "&pageToken=", Case.Sensitive, "and reads the new second page");
        restarted.NewRecords.ShouldBe(1 + 4 + 3, "the subscription not stored before, the playlists' items and the likes");
        (await IdentitiesAsync(userId, "youtube_subscriptions")).Count.ShouldBe(3);
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(10);
    }

    [Fact]
    public async Task Records_have_the_pinned_identities_times_titles_and_links()
    {
        var (userId, _, key) = await ConnectedAsync(Fill);

        (await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();

        (await Row(userId, "youtube-api:subscription:UCb"))
            .ShouldBe("youtube_subscriptions|2026-03-03 10:00|Channel B|The channel Channel B.|https://www.youtube.com/channel/UCb");
        (await Row(userId, "youtube-api:playlist-item:PLlong:v1:1772877600000"))
            .ShouldBe("youtube_playlist_items|2026-03-07 10:00|Video 1|Long one|https://www.youtube.com/watch?v=v1&list=PLlong");
        (await Row(userId, "youtube-api:playlist-item:PLlong:v1:1772704800000"))
            .ShouldBe("youtube_playlist_items|2026-03-05 10:00|Video 1|Long one|https://www.youtube.com/watch?v=v1&list=PLlong", "the same video added earlier is another item");
        (await Row(userId, "youtube-api:like:v5"))
            .ShouldBe("youtube_likes||Video 5|About Video 5.|https://www.youtube.com/watch?v=v5", "a like has no time: the API does not say when");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT source::text FROM user_data.records WHERE user_id = $1 AND identity = 'youtube-api:playlist-item:PLshort:v3:1772964000000'
            """, userId)).ShouldContain("\"position\": 0");
    }

    private static Task<string> Row(string userId, string identity) => UserRows.ScalarAsync<string>(userId, """
        SELECT k.name || '|' || coalesce(to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '') || '|' || r.title || '|' || r.body || '|' || r.url
        FROM user_data.records r JOIN user_data.record_kinds k USING (kind) WHERE r.user_id = $1 AND r.identity = $2
        """, userId, identity);
}
