using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Datapunk.Streams.Polling;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Connecting a Google Calendar account against the fake Google: the authorize URL carries the provider's
/// own parameters (Google gives a refresh token only with <c>access_type=offline</c>, and again only with
/// <c>prompt=consent</c>), configured ones add to them without replacing OAuth's, and an expired access
/// token is refreshed with the refresh token so obtained.
/// </summary>
public sealed class GoogleCalendarAuthorizationTests : GoogleCalendarEngineTest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Stream:Providers:google-calendar:AuthorizeParameters:login_hint"] = "someone@example.com",
        ["Stream:Providers:google-calendar:AuthorizeParameters:state"] = "not-the-state",
    };

    [Fact]
    public async Task The_authorize_url_asks_for_offline_access_with_consent_and_the_configured_parameters_but_keeps_its_own_state()
    {
        var url = await Engine.Get<ConnectionAuthorizer>().BeginAsync(StreamDatabase.NewUserId("gflow"), "google-calendar", Authorizations.Callback, Cancel);

        var query = QueryHelpers.ParseQuery(url.Query);
        url.GetLeftPart(UriPartial.Path).ShouldBe(Google.AuthorizeEndpoint.ToString());
        query["access_type"].ToString().ShouldBe("offline");
        query["prompt"].ToString().ShouldBe("consent");
        query["login_hint"].ToString().ShouldBe("someone@example.com", "a configured parameter is added");
        query["state"].ToString().ShouldNotBe("not-the-state", "OAuth's own parameters are not replaced by configuration");
        query["state"].ToString().Length.ShouldBeGreaterThanOrEqualTo(43);
        query["scope"].ToString().ShouldBe("https://www.googleapis.com/auth/calendar.readonly");
    }

    [Fact]
    public async Task Connecting_twice_keeps_a_refresh_token_and_an_expired_access_token_is_refreshed_with_it()
    {
        var (userId, account, key) = await ConnectedAsync(a => a.Put(a.Email, Event("e1", "one@google.com", "One", At("2026-03-02T10:00:00+01:00"), At("2026-03-02T11:00:00+01:00"))));
        // The account consented already: Google gives a refresh token again only because the URL asks for consent.
        var again = await ConnectAsync(userId, account.Email);

        again.Key.ShouldBe(key);
        again.DisplayName.ShouldBe("Alice's calendar", "the primary calendar's summary names the account");
        key.Account.ShouldBe(account.Email, "the account is the primary calendar's id, its e-mail address");
        (await Engine.Get<ConnectionTokenStore>().FindAsync(key, Cancel)).ShouldNotBeNull().RefreshToken.ShouldNotBeNull();
        Google.ExpireAccessTokens();

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        Google.Refreshes.ShouldBe(1);
        (await IdentitiesAsync(userId)).ShouldBe(["ical:one@google.com"]);
        (await Engine.Get<ConnectionTokenStore>().FindAsync(key, Cancel)).ShouldNotBeNull().RefreshToken
            .ShouldNotBeNull("Google's refresh answer has no refresh token: the one held stays");
    }

    [Fact]
    public async Task A_malformed_event_fails_the_poll_naming_it_and_stores_nothing()
    {
        var broken = Event("e-broken", "x@google.com", "Broken", At("2026-03-02T10:00:00+01:00"), At("2026-03-02T11:00:00+01:00"));
        broken.Remove("iCalUID");
        var (userId, _, key) = await ConnectedAsync(a => a.Put(a.Email, broken));

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("'e-broken'");
        result.Error.ShouldContain("no iCalUID");
        (await IdentitiesAsync(userId)).ShouldBeEmpty();
        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Cursor.ShouldNotContainKey("calendars", "no page was stored, so the cursor did not move");
    }
}
