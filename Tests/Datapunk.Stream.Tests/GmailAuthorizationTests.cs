using System.Diagnostics;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Datapunk.Streams.Polling;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Connecting a Gmail account against the fake Gmail, and the answers a poll must survive or report: the
/// account is the profile's e-mail address, an expired access token is refreshed, a 429 waited out, and a
/// malformed message fails the poll naming its request.
/// </summary>
public sealed class GmailAuthorizationTests : GmailEngineTest
{
    [Fact]
    public async Task Connecting_asks_for_read_only_offline_access_and_names_the_account_by_its_email_address()
    {
        var url = await Engine.Get<ConnectionAuthorizer>().BeginAsync(StreamDatabase.NewUserId("gmflow"), "gmail", Authorizations.Callback, Cancel);
        var query = QueryHelpers.ParseQuery(url.Query);
        query["scope"].ToString().ShouldBe("https://www.googleapis.com/auth/gmail.readonly");
        query["access_type"].ToString().ShouldBe("offline");
        query["prompt"].ToString().ShouldBe("consent");

        var (_, account, key) = await ConnectedAsync(_ => { });

        key.Provider.ShouldBe("gmail");
        key.Account.ShouldBe(account.Email, "the account is users/me/profile's emailAddress");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel)).ShouldNotBeNull();
        row.DisplayName.ShouldBe(account.Email);
        (await Engine.Get<ConnectionTokenStore>().FindAsync(key, Cancel)).ShouldNotBeNull().RefreshToken.ShouldNotBeNull();
        Requests().ShouldBe(["/gmail/v1/users/me/profile"]);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_a_429_on_a_message_is_waited_out_as_Retry_After_says()
    {
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            account.Add(Mail(1));
            account.Add(Mail(2));
        });
        Gmail.ExpireAccessTokens();
        Gmail.FaultOn("/messages/", 429, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "Retry-After: 1");
        Gmail.Refreshes.ShouldBe(1);
        result.NewRecords.ShouldBe(2);
        (await IdentitiesAsync(userId)).Count.ShouldBe(2);
        Requests(part: "/messages/").Count.ShouldBe(3, "the refused message is asked again once");
    }

    [Theory]
    [InlineData("not base64url!", "is not base64url")]
    [InlineData("AAECAw", "is not an RFC 822 message")]
    public async Task A_malformed_raw_message_fails_the_poll_naming_its_request_and_stores_nothing(string raw, string complaint)
    {
        string broken = "";
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            account.Add(Mail(1));
            broken = account.AddRaw(raw);
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain($"GET /gmail/v1/users/me/messages/{broken}?format=raw");
        result.Error.ShouldContain(complaint);
        (await IdentitiesAsync(userId)).ShouldBeEmpty("the page holding it is not stored");
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor.ShouldNotContainKey("historyId", "no page was stored, so the cursor did not move");
    }
}
