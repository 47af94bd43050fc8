using Datapunk.Streams.Connections;
using Datapunk.Streams.Limits;
using Datapunk.Streams.OAuth;
using Datapunk.Streams.Polling;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Connecting a YouTube account against the fake YouTube, and the answers a poll must survive or report:
/// the account is its channel (an account without one is refused), an expired access token is refreshed,
/// Google's 403 for a rate limit is retried and for the daily quota ends the poll until the quota is reset,
/// a scope not granted asks for a new authorization, and a malformed resource fails the poll naming its request.
/// </summary>
public sealed class YouTubeAuthorizationTests : YouTubeEngineTest
{
    [Fact]
    public async Task Connecting_asks_for_read_only_offline_access_and_names_the_account_by_its_channel()
    {
        var url = await Engine.Get<ConnectionAuthorizer>().BeginAsync(StreamDatabase.NewUserId("ytflow"), "youtube", Authorizations.Callback, Cancel);
        var query = QueryHelpers.ParseQuery(url.Query);
        query["scope"].ToString().ShouldBe("https://www.googleapis.com/auth/youtube.readonly");
        query["access_type"].ToString().ShouldBe("offline");
        query["prompt"].ToString().ShouldBe("consent");

        var (_, account, key) = await ConnectedAsync(_ => { });

        key.Provider.ShouldBe("youtube");
        key.Account.ShouldBe(account.ChannelId, "the account is the channel's id, not the Google account's address");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel)).ShouldNotBeNull();
        row.DisplayName.ShouldBe("Alice", "the channel's title");
        (await Engine.Get<ConnectionTokenStore>().FindAsync(key, Cancel)).ShouldNotBeNull().RefreshToken.ShouldNotBeNull();
        Requests().ShouldBe(["/youtube/v3/channels?part=snippet&mine=true"]);
    }

    [Fact]
    public async Task A_Google_account_without_a_channel_is_refused_saying_so_and_nothing_is_stored()
    {
        var userId = await StreamDatabase.NewAccountAsync("ytnoch");
        YouTube.SignedInAccount = NewAccount(channelId: null).Email;

        var refused = await Should.ThrowAsync<AuthorizationRefusedException>(() => Authorizations.ConnectAsync(Engine, "youtube", userId));

        refused.Message.ShouldContain("has no YouTube channel");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.connections WHERE user_id = $1", userId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_token_without_the_scope_asks_for_a_new_authorization_instead_of_retrying()
    {
        var userId = await StreamDatabase.NewAccountAsync("ytscope");
        YouTube.SignedInAccount = NewAccount().Email;
        YouTube.FaultOn("/channels", 403, reason: "insufficientPermissions");
        (await Should.ThrowAsync<AuthorizationRefusedException>(() => Authorizations.ConnectAsync(Engine, "youtube", userId)))
            .Message.ShouldContain("did not grant the scope it needs (https://www.googleapis.com/auth/youtube.readonly)");

        var (_, _, key) = await ConnectedAsync(account => account.Subscribe("UCone", "One", Day(1)));
        var before = Requests().Count;
        YouTube.FaultOn("/subscriptions", 403, reason: "insufficientPermissions");
        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        Requests(before).Count.ShouldBe(1, "a scope not granted is not retried");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Status.ShouldBe(ConnectionStates.Reauthorize);
        row.LastError.ShouldNotBeNull().ShouldContain("connect it again");
        row.NextPoll.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(50), "the next try is the schedule's (an hour), not a backoff loop");
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_poll_goes_on()
    {
        var (userId, _, key) = await ConnectedAsync(account => account.Subscribe("UCone", "One", Day(1)));
        YouTube.ExpireAccessTokens();

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        YouTube.Refreshes.ShouldBe(1);
        (await IdentitiesAsync(userId, "youtube_subscriptions")).ShouldBe(["youtube-api:subscription:UCone"]);
    }

    [Fact]
    public async Task A_403_rate_limit_is_retried_with_backoff_and_the_poll_succeeds()
    {
        var (userId, _, key) = await ConnectedAsync(account => account.Like("vid1", "Video one"));
        YouTube.FaultOn("myRating=like", 403, reason: "rateLimitExceeded");

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        Requests().Count(r => r.Contains("myRating=like", StringComparison.Ordinal)).ShouldBe(2, "refused once, asked again");
        (await IdentitiesAsync(userId, "youtube_likes")).ShouldBe(["youtube-api:like:vid1"]);
    }

    [Fact]
    public async Task A_403_for_the_daily_quota_ends_the_poll_at_once_and_the_next_waits_for_the_quota_reset_at_midnight_Pacific_time()
    {
        var (userId, _, key) = await ConnectedAsync(account => account.Subscribe("UCone", "One", Day(1)));
        var before = Requests().Count;
        YouTube.FaultOn("/subscriptions", 403, reason: "quotaExceeded");

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        Requests(before).Count.ShouldBe(1, "a spent daily quota is not retried within the poll");
        result.Error.ShouldNotBeNull().ShouldContain("quotaExceeded");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Status.ShouldBe(ConnectionStates.Failing);
        var reset = DateTimeOffset.UtcNow + GoogleUsageLimits.UntilDailyReset(DateTimeOffset.UtcNow);
        row.NextPoll.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(reset.AddMinutes(-1), $"the quota comes back at {reset:O}");
        (await IdentitiesAsync(userId, "youtube_subscriptions")).ShouldBeEmpty();

        var next = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);
        next.Succeeded.ShouldBeTrue(next.Error);
        (await IdentitiesAsync(userId, "youtube_subscriptions")).ShouldBe(["youtube-api:subscription:UCone"]);
    }

    [Fact]
    public void The_daily_quota_resets_at_the_next_midnight_in_Los_Angeles()
    {
        GoogleUsageLimits.UntilDailyReset(new DateTimeOffset(2026, 7, 1, 6, 30, 0, TimeSpan.Zero)).ShouldBe(TimeSpan.FromMinutes(30), "23:30 PDT (UTC-7)");
        GoogleUsageLimits.UntilDailyReset(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero)).ShouldBe(TimeSpan.FromHours(24), "midnight PST (UTC-8) just passed");
    }

    [Fact]
    public async Task A_malformed_subscription_fails_the_poll_naming_its_request_and_stores_nothing()
    {
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            account.Subscribe("UCone", "One", Day(1));
            account.Subscribe("UCtwo", "Two", Day(2))["snippet"]!.AsObject().Remove("resourceId");
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("GET /youtube/v3/subscriptions?part=snippet&mine=true&maxResults=50");
        result.Error.ShouldContain("snippet.resourceId.channelId is missing");
        (await IdentitiesAsync(userId, "youtube_subscriptions")).ShouldBeEmpty("the page holding it is not stored");
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor.ShouldNotContainKey("subscriptions", "no page was stored, so the cursor did not move");
    }
}
