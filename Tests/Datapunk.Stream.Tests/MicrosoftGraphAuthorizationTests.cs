using System.Diagnostics;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Datapunk.Streams.Polling;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Connecting a Microsoft account against the fake identity platform and Graph, and the answers a poll must
/// survive or report: the account is <c>GET me</c>'s sign-in name, an expired access token is refreshed
/// (naming the scopes, as Microsoft requires), a 429 is waited out as Retry-After says, and malformed
/// answers fail the poll naming the request, storing nothing.
/// </summary>
public sealed class MicrosoftGraphAuthorizationTests : MicrosoftGraphEngineTest
{
    [Fact]
    public async Task Connecting_asks_for_offline_read_access_to_calendar_and_mail_and_names_the_account_by_its_sign_in_name()
    {
        var url = await Engine.Get<ConnectionAuthorizer>().BeginAsync(StreamDatabase.NewUserId("msflow"), "microsoft", Authorizations.Callback, Cancel);
        url.AbsolutePath.ShouldBe("/common/oauth2/v2.0/authorize");
        var query = QueryHelpers.ParseQuery(url.Query);
        query["scope"].ToString().ShouldBe("offline_access User.Read Calendars.Read Mail.Read");
        query["code_challenge_method"].ToString().ShouldBe("S256");

        var (_, account, key) = await ConnectedAsync(_ => { });

        key.Provider.ShouldBe("microsoft");
        key.Account.ShouldBe(account.UserPrincipalName, "the account is GET me's userPrincipalName (its mail is null, as a personal account's may be)");
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel)).ShouldNotBeNull();
        row.DisplayName.ShouldBe("Alice Example");
        (await Engine.Get<ConnectionTokenStore>().FindAsync(key, Cancel)).ShouldNotBeNull().RefreshToken.ShouldNotBeNull("offline_access gives a refresh token");
        Requests().ShouldBe(["/v1.0/me?$select=id,userPrincipalName,mail,displayName"]);
        Engine.Get<StreamProviders>().Known.ShouldContain(p => p.Name == "microsoft" && p.Title == "Microsoft Outlook (mail and calendar)");
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_with_the_scopes_and_a_429_on_a_message_is_waited_out_as_Retry_After_says()
    {
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            account.AddMessage("inbox", Mail(1));
            account.AddMessage("inbox", Mail(2));
        });
        Graph.ExpireAccessTokens();
        Graph.FaultOn("/$value", 429, TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "Retry-After: 2");
        Graph.Refreshes.ShouldBe(1, "the fake refuses a refresh without scope (AADSTS90014), so the poll would have failed");
        result.NewRecords.ShouldBe(2);
        (await EmailsAsync(userId)).Count.ShouldBe(2);
        Requests(part: "/$value").Count.ShouldBe(3, "the throttled message is asked again once");
    }

    [Fact]
    public async Task A_calendar_page_that_is_not_JSON_fails_the_poll_naming_the_request_and_stores_nothing()
    {
        var (userId, _, key) = await ConnectedAsync(account => account.PutEvent(Event("e1", "uid-1", "One", "2026-03-02T09:00:00", "2026-03-02T10:00:00")));
        Graph.MalformOn("/calendarView/delta", "{\"value\": [");

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("GET /v1.0/me/calendarView/delta?startDateTime=");
        result.Error.ShouldContain("malformed JSON");
        (await AllRecordsAsync(userId)).ShouldBe(0);
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor.ShouldNotContainKey("calendar");
    }

    [Fact]
    public async Task An_event_without_an_iCalUId_fails_the_poll_naming_the_event_and_the_request()
    {
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            account.PutEvent(Event("good", "uid-good", "Good", "2026-03-02T09:00:00", "2026-03-02T10:00:00"));
            var broken = Event("broken", "x", "Broken", "2026-03-03T09:00:00", "2026-03-03T10:00:00");
            broken.Remove("iCalUId");
            account.PutEvent(broken);
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("the event 'broken' of GET /v1.0/me/calendarView/delta?");
        result.Error.ShouldContain("has no iCalUId");
        (await AllRecordsAsync(userId)).ShouldBe(0, "the page holding it is not stored, the good event neither");
    }

    [Fact]
    public async Task A_message_whose_MIME_has_no_header_fields_fails_the_poll_naming_its_request()
    {
        var broken = "";
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            account.AddMessage("inbox", Mail(1));
            broken = account.AddMessage("inbox", "\r\n\r\nno header at all");
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain($"GET /v1.0/me/messages/{Uri.EscapeDataString(broken)}/$value");
        result.Error.ShouldContain("is not an RFC 822 message");
        (await EmailsAsync(userId)).ShouldBeEmpty();
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor.ShouldNotContainKey("mail", "no page of mail was stored, so the cursor did not move");
    }
}
