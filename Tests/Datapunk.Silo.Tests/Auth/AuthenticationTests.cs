using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Auth;

/// <summary>
/// Who may call what, over real HTTP against the real silo: anonymous callers, personal access
/// tokens and their scopes, password sign-in with sessions, act-as for administrators.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class AuthenticationTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory(Timeout = Deadlines.TestMilliseconds)]
    [InlineData("api/v1/me")]
    [InlineData("api/v1/me/tokens")]
    [InlineData("api/v1/users")]
    [InlineData("api/v1/cluster")]
    [InlineData("api/v1/privacy/audit")]
    [InlineData("dashboard/")]
    public async Task An_anonymous_caller_gets_401(string path)
    {
        using var http = Anonymous();

        using var response = await http.GetAsync(path, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Theory(Timeout = Deadlines.TestMilliseconds)]
    [InlineData("health/ready")]
    [InlineData("openapi/v1.json")]
    [InlineData("sign-in")]
    public async Task Health_the_openapi_document_and_the_sign_in_page_need_no_token(string path)
    {
        using var http = Anonymous();

        using var response = await http.GetAsync(path, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_garbage_or_revoked_token_gets_401()
    {
        using var admin = silo.AdminClient();
        var user = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using var asUser = new DatapunkGatewayClient(silo.Gateway, user.Token);
        var spare = await asUser.CreateTokenAsync("spare", ["read"], cancellationToken: Cancellation);
        using var spareHttp = WithToken(spare.Text);
        (await spareHttp.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var http = WithToken(user.Token);
        (await http.DeleteAsync($"api/v1/me/tokens/{spare.Token.TokenId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await spareHttp.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var garbage = WithToken("dpat_" + new string('0', 32) + "_" + new string('x', 43));
        (await garbage.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var notJwt = WithToken("not.a.jwt");
        (await notJwt.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_read_token_cannot_write_and_a_member_cannot_administer_or_mint_an_admin_token()
    {
        using var admin = silo.AdminClient();
        var user = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using var asUser = new DatapunkGatewayClient(silo.Gateway, user.Token);
        var readOnly = await asUser.CreateTokenAsync("read only", ["read"], cancellationToken: Cancellation);
        using var reader = WithToken(readOnly.Text);
        using var member = WithToken(user.Token);

        (await reader.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsJsonAsync("api/v1/me/tokens", new { name = "escalate", scopes = new[] { "read" } }, Cancellation)).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await member.GetAsync("api/v1/users", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.GetAsync("api/v1/cluster", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var escalation = await member.PostAsJsonAsync("api/v1/me/tokens", new { name = "escalate", scopes = new[] { "admin" } }, Cancellation);
        escalation.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await escalation.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_password_sign_in_opens_a_session_whose_jwt_stops_working_when_it_is_revoked()
    {
        using var admin = silo.AdminClient();
        var user = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using (var owner = WithToken(user.Token))
        {
            (await owner.PutAsJsonAsync("api/v1/me/password", new { newPassword = "correct horse battery" }, Cancellation)).StatusCode
                .ShouldBe(HttpStatusCode.NoContent);
        }

        using var anonymous = new DatapunkGatewayClient(silo.Gateway);
        var wrong = await Should.ThrowAsync<DatapunkApiException>(() => anonymous.SignInAsync(user.User, "wrong password!", Cancellation));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var session = await anonymous.SignInAsync(user.User, "correct horse battery", Cancellation);
        using var signedIn = WithToken(session.AccessToken);
        var me = await signedIn.GetFromJsonAsync<JsonElement>("api/v1/me", Cancellation);
        me.GetProperty("userName").GetString().ShouldBe(user.User);

        using var refreshed = await Anonymous().PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = session.RefreshToken }, Cancellation);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reused = await Anonymous().PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = session.RefreshToken }, Cancellation);
        reused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a refresh token works once");

        (await signedIn.DeleteAsync($"api/v1/me/sessions/{session.SessionId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await signedIn.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a signed-out session's JWT is refused at once");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task An_administrator_acts_for_a_user_and_a_member_cannot()
    {
        using var admin = silo.AdminClient();
        var alice = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        var bob = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);

        admin.ActAs(alice.User);
        var asAlice = await admin.GetMeAsync(Cancellation);
        asAlice.UserName.ShouldBe(alice.User);
        asAlice.ActingAdministrator.ShouldNotBeNull();

        using var bobHttp = WithToken(bob.Token);
        bobHttp.DefaultRequestHeaders.Add("Datapunk-Act-As", alice.User);
        using var refused = await bobHttp.GetAsync("api/v1/me", Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldNotContain(alice.User + "\",\"role");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task The_openapi_document_declares_bearer_authentication_and_every_v1_route()
    {
        using var http = Anonymous();
        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json", Cancellation));

        document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        paths.ShouldContain("/api/v1/me");
        paths.ShouldContain("/api/v1/users");
        paths.ShouldContain("/api/v1/auth/sign-in");
    }

    private HttpClient Anonymous() => new() { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(10) };

    private HttpClient WithToken(string token)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
