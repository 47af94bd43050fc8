using Datapunk.Users.Sessions;

namespace Datapunk.Users.Tests.Accounts;

/// <summary>Sessions renew with a rotating refresh token; one-time sign-in links work once.</summary>
[Collection(AccountsDatabaseCollection.Name)]
public sealed class SessionTests(AccountsDatabase database)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refresh_token_renews_once_and_a_revoked_session_renews_never()
    {
        var user = await database.NewAccountAsync("ses");
        var sessions = new SessionTable(database.DataSource);
        var opened = await sessions.OpenAsync(user, "test", TimeSpan.FromDays(1), Cancellation);

        var renewed = (await sessions.RenewAsync(opened.RefreshToken, Cancellation)).ShouldNotBeNull();
        renewed.RefreshToken.ShouldNotBe(opened.RefreshToken);
        (await sessions.RenewAsync(opened.RefreshToken, Cancellation)).ShouldBeNull("a used refresh token is worthless");
        (await sessions.IsActiveAsync(opened.Session.SessionId, Cancellation)).ShouldBeTrue();

        (await sessions.RevokeAsync(user, opened.Session.SessionId, Cancellation)).ShouldBeTrue();
        (await sessions.IsActiveAsync(opened.Session.SessionId, Cancellation)).ShouldBeFalse();
        (await sessions.RenewAsync(renewed.RefreshToken, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_sign_in_link_works_once()
    {
        var user = await database.NewAccountAsync("lnk");
        var links = new SignInLinkTable(database.DataSource);
        var code = await links.CreateAsync(user, TimeSpan.FromHours(1), Cancellation);

        (await links.RedeemAsync(code, Cancellation)).ShouldBe(user);
        (await links.RedeemAsync(code, Cancellation)).ShouldBeNull();
        (await links.RedeemAsync("not-a-code", Cancellation)).ShouldBeNull();
    }
}
