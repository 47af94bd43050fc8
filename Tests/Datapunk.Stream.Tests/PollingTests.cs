using System.Text.Json.Nodes;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a Spotify connection against the fake Web API: plays stored once with their lineage, the
/// cursor moved only with a stored page, tokens refreshed on 401, throttling and bursts of 5xx waited
/// out, malformed answers failing the poll without losing or moving anything.
/// </summary>
public sealed class PollingTests : SpotifyEngineTest
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_poll_stores_new_plays_once_with_their_lineage_and_moves_the_cursor()
    {
        var (userId, account, key) = await ConnectedAsync(plays: 3);
        var poller = Engine.Get<ConnectionPoller>();

        var first = await poller.PollAsync(key, Cancel);
        var again = await poller.PollAsync(key, Cancel);
        account.Play(Start.AddMinutes(30), "t-new", "New Song", "Someone");
        var third = await poller.PollAsync(key, Cancel);

        first.ShouldBe(first with { Succeeded = true, Pages = 2, NewRecords = 3 }, "the plays' page and the (empty) saved tracks' page");
        again.NewRecords.ShouldBe(0);
        third.NewRecords.ShouldBe(1);
        (await UserRows.RecordsAsync(userId)).ShouldBe(4);
        var requests = Spotify.ApiRequests.Select(r => r.Path).Where(p => p.Contains("recently-played", StringComparison.Ordinal)).ToList();
        requests[0].ShouldNotContain("after=");
        requests[1].ShouldContain($"after={Start.AddMinutes(2).ToUnixTimeMilliseconds()}", Case.Sensitive, "the second poll asks after the newest stored play");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Cursor["recentlyPlayedAfter"]!.GetValue<long>().ShouldBe(Start.AddMinutes(30).ToUnixTimeMilliseconds());
        row.Polls.ShouldBe(3);
        row.Records.ShouldBe(4);
        row.LastSuccess.ShouldNotBeNull();
        row.NextPoll.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(14), "the next poll is a schedule (15 minutes) away");

        // Lineage: each record's file is a poll page of the connection's job, named by its request.
        var lineage = await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.source || ' ' || f.format_id || ' ' || j.status, ',')
            FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id JOIN imports.jobs j ON j.import_id = f.import_id
            WHERE r.user_id = $1
            """, userId);
        lineage.ShouldBe("spotify-api spotify.api.recently-played Streaming");
        var title = await UserRows.ScalarAsync<string>(userId, "SELECT title FROM user_data.records WHERE user_id = $1 AND source->>'track_uri' = 'spotify:track:t-new'", userId);
        title.ShouldBe("Someone — New Song");
    }

    [Fact]
    public async Task A_page_read_again_after_its_cursor_was_lost_stores_no_duplicate()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 5);
        var poller = Engine.Get<ConnectionPoller>();
        await poller.PollAsync(key, Cancel);

        // As if the cursor had never been written: the next poll reads the same plays from the start.
        await UserRows.ScalarAsync<int>(userId,
            "WITH u AS (UPDATE user_data.connections SET cursor = '{}' WHERE user_id = $1 RETURNING 1) SELECT count(*)::int FROM u", userId);
        var again = await poller.PollAsync(key, Cancel);

        again.Succeeded.ShouldBeTrue();
        again.NewRecords.ShouldBe(0, "ON CONFLICT DO NOTHING on the same identities");
        (await UserRows.RecordsAsync(userId)).ShouldBe(5);
    }

    [Fact]
    public async Task A_page_whose_connection_vanished_before_it_was_stored_leaves_nothing()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 2);
        Spotify.ResponseDelay = TimeSpan.FromSeconds(1);
        var poll = Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);
        await Poll.UntilAsync(_ => Task.FromResult(Spotify.ApiRequests.Any(r => r.Path.Contains("recently-played", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), () => "the poll's request reached the provider", Cancel);

        (await Engine.Get<ConnectionsTable>().DeleteAsync(key, Cancel)).ShouldBeTrue();

        await Should.ThrowAsync<ConnectionGoneException>(() => poll);
        (await UserRows.RecordsAsync(userId)).ShouldBe(0, "records, file row and cursor commit together or not at all");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM imports.files WHERE user_id = $1", userId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_request_retried_once()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 2);
        Spotify.ExpireAccessTokens();

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.Requests.ShouldBe(4, "one 401, one retry with the new token, then the saved tracks and the playlists");
        Spotify.Refreshes.ShouldBe(1);
        (await UserRows.RecordsAsync(userId)).ShouldBe(2);
        var next = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);
        next.Requests.ShouldBe(3, "the refreshed token was saved and is used by the next poll: no 401");
        Spotify.Refreshes.ShouldBe(1);
    }

    [Fact]
    public async Task A_429_is_waited_out_as_long_as_Retry_After_says()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 1);
        Spotify.Fault(new FakeSpotifyFault(429, TimeSpan.FromSeconds(2)));

        var started = DateTimeOffset.UtcNow;
        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        var calls = Spotify.ApiRequests.Where(r => r.Path.Contains("recently-played", StringComparison.Ordinal)).Select(r => r.At).ToList();
        calls.Count.ShouldBe(2);
        (calls[1] - calls[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "Retry-After: 2");
        (DateTimeOffset.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (await UserRows.RecordsAsync(userId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_a_poll_may_wait_ends_the_poll_and_schedules_the_next_after_it()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 1);
        Spotify.Fault(new FakeSpotifyFault(429, TimeSpan.FromMinutes(2)));

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Requests.ShouldBe(1, "not retried inside the poll");
        result.NextPoll.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(110), "Retry-After: 120");
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.NextPoll!.Value.ShouldBe(result.NextPoll.Value, TimeSpan.FromMilliseconds(1));
        (await UserRows.RecordsAsync(userId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_burst_of_503s_is_retried_with_growing_delays()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 1);
        Spotify.Fault(new FakeSpotifyFault(503), new FakeSpotifyFault(503), new FakeSpotifyFault(503));

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.Requests.ShouldBe(6, "three 503s and the plays, then the saved tracks and the playlists");
        var calls = Spotify.ApiRequests.Where(r => r.Path.Contains("recently-played", StringComparison.Ordinal)).Select(r => r.At).ToList();
        var gaps = calls.Zip(calls.Skip(1), (a, b) => b - a).ToList();
        gaps.Sum(gap => gap.TotalSeconds).ShouldBeGreaterThan(1.0, $"exponential backoff from 0.5 s with jitter; gaps {string.Join(", ", gaps)}");
        (await UserRows.RecordsAsync(userId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_provider_down_through_every_retry_fails_the_poll_and_schedules_a_retry()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 1);
        Spotify.Fault([.. Enumerable.Repeat(new FakeSpotifyFault(502), 5)]);

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Requests.ShouldBe(5, "the first attempt and four retries");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Status.ShouldBe(ConnectionStates.Failing);
        row.LastError.ShouldNotBeNull().ShouldContain("502");
        row.NextPoll.ShouldNotBeNull().ShouldBeLessThan(DateTimeOffset.UtcNow.AddMinutes(1), "a failed poll is retried after a short backoff, not the whole schedule");
        (await UserRows.RecordsAsync(userId)).ShouldBe(0);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_provider_failing_most_calls_opens_its_circuit_and_the_next_poll_fails_without_calling_it()
    {
        var (_, _, key) = await ConnectedAsync(plays: 1);
        Spotify.Fault([.. Enumerable.Repeat(new FakeSpotifyFault(503), 10)]);
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).Requests.ShouldBe(5, "the first attempt and four retries");
        var opening = await poller.PollAsync(key, Cancel);
        opening.Requests.ShouldBe(4, "the connection's GET /me and nine failures are ten calls in 30 s, nine failed: the circuit opens");
        opening.Error.ShouldNotBeNull().ShouldContain("circuit", Case.Insensitive);
        var before = Spotify.ApiRequests.Count;

        var broken = await poller.PollAsync(key, Cancel);

        broken.Succeeded.ShouldBeFalse();
        broken.Requests.ShouldBe(0);
        broken.Error.ShouldNotBeNull().ShouldContain("circuit", Case.Insensitive);
        Spotify.ApiRequests.Count.ShouldBe(before, "the provider was not called");
    }

    [Fact]
    public async Task Malformed_JSON_fails_the_poll_and_keeps_the_cursor_then_the_next_poll_catches_up()
    {
        var (userId, account, key) = await ConnectedAsync(plays: 2);
        var poller = Engine.Get<ConnectionPoller>();
        await poller.PollAsync(key, Cancel);
        var cursorBefore = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor.ToJsonString();
        account.Play(Start.AddHours(1), "t-late", "Late", "Band");
        Spotify.Fault(new FakeSpotifyFault(200, Malformed: true));

        var failed = await poller.PollAsync(key, Cancel);

        failed.Succeeded.ShouldBeFalse();
        failed.Error.ShouldNotBeNull().ShouldContain("malformed JSON");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Cursor.ToJsonString().ShouldBe(cursorBefore);
        row.Status.ShouldBe(ConnectionStates.Failing);
        (await UserRows.RecordsAsync(userId)).ShouldBe(2);

        var next = await poller.PollAsync(key, Cancel);
        next.NewRecords.ShouldBe(1, "nothing was lost: the play is read after the cursor that did not move");
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Status.ShouldBe(ConnectionStates.Connected);
    }

    [Fact]
    public async Task A_refused_refresh_token_asks_the_user_to_authorize_again()
    {
        var (_, _, key) = await ConnectedAsync(plays: 1);
        var tokens = Engine.Get<OAuth.ConnectionTokenStore>();
        var stored = (await tokens.FindAsync(key, Cancel))!;
        await tokens.SaveAsync(key, stored with { RefreshToken = "revoked" }, Cancel);
        Spotify.ExpireAccessTokens();

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Status.ShouldBe(ConnectionStates.Reauthorize);
    }

    [Fact]
    public async Task New_records_are_published_on_the_users_channel()
    {
        var (userId, _, key) = await ConnectedAsync(plays: 3);
        var redis = await StreamEngine.Redis.Value;
        var messages = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await redis.GetSubscriber().SubscribeAsync(NewRecordsChannel.For(userId));
        subscription.OnMessage(message => messages.TrySetResult(message.Message.ToString()));

        await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        var published = JsonNode.Parse(await messages.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel))!;
        published["kind"]!.GetValue<string>().ShouldBe("spotify_plays");
        published["source"]!.GetValue<string>().ShouldBe("spotify-api");
        published["received"]!.GetValue<int>().ShouldBe(3);
        published["stored"]!.GetValue<long>().ShouldBe(3);
        published["from"]!.GetValue<DateTime>().ShouldBe(Start.UtcDateTime);
        published["fileId"]!.GetValue<long>().ShouldBeGreaterThan(0);
        await subscription.UnsubscribeAsync();
    }

    private Task<(string UserId, FakeSpotifyAccount Account, ConnectionKey Key)> ConnectedAsync(int plays) =>
        Authorizations.NewConnectionAsync(Engine, Spotify, "poll", account =>
        {
            for (var i = 0; i < plays; i++)
            {
                account.Play(Start.AddMinutes(i), $"t{i}", $"Song {i}", "Artist");
            }
        });
}
