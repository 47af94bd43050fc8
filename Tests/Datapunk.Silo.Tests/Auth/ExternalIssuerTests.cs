using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Datapunk.Silo.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Datapunk.Silo.Tests.Auth;

/// <summary>
/// A silo configured to trust an external OpenID Connect issuer: a local HTTP server speaks the
/// protocol's discovery document and key set, and the silo's production JwtBearer code fetches them.
/// </summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private const string Audience = "datapunk-test";
    private readonly RSA _issuerKey = RSA.Create(2048);
    private readonly string _clusterId = $"oidc-tests-{Guid.NewGuid():N}"[..24];
    private WebApplication? _issuer;
    private SiloProcess? _silo;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string IssuerUrl => _issuer!.Urls.Single();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        _issuer = builder.Build();
        _issuer.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = IssuerUrl,
            ["jwks_uri"] = $"{IssuerUrl}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _issuer.MapGet("/jwks", () =>
        {
            var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_issuerKey.ExportParameters(false)) { KeyId = "issuer-1" });
            return Results.Json(new { keys = new[] { new { kty = key.Kty, kid = key.Kid, use = "sig", alg = "RS256", n = key.N, e = key.E } } });
        });
        await _issuer.StartAsync(Cancellation);
        _silo = await DatapunkSilo.StartReadyAsync(TestDatabase.ConnectionStringForSilo(maxPoolSize: 6), _clusterId, Deadlines.SiloStart, Cancellation,
            new Dictionary<string, string>
            {
                ["Auth__Oidc__Authority"] = IssuerUrl,
                ["Auth__Oidc__Audience"] = Audience,
                ["Auth__Oidc__RequireHttpsMetadata"] = "false",
                ["Auth__Oidc__CreateAccounts"] = "true",
            });
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_token_from_the_trusted_issuer_signs_in_a_new_member_whose_scopes_the_token_narrows()
    {
        var name = SiloTestNames.NewUserName();
        using var http = Client(Token(_issuerKey, IssuerUrl, Audience, name, scope: "read"));

        using var me = JsonDocument.Parse(await http.GetStringAsync("api/v1/me", Cancellation));
        using var write = await http.PostAsync("api/v1/me/tokens", JsonContent.Create(new { name = "x", scopes = new[] { "read" } }), Cancellation);

        me.RootElement.GetProperty("userName").GetString().ShouldBe(name);
        me.RootElement.GetProperty("role").GetString().ShouldBe("member");
        me.RootElement.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()).ShouldBe(["read"]);
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the token's read scope narrows the member's rights");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_token_for_another_audience_or_signed_by_another_key_is_refused()
    {
        using var stranger = RSA.Create(2048);
        using var wrongAudience = Client(Token(_issuerKey, IssuerUrl, "someone-else", SiloTestNames.NewUserName(), scope: null));
        using var wrongKey = Client(Token(stranger, IssuerUrl, Audience, SiloTestNames.NewUserName(), scope: null));

        (await wrongAudience.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrongKey.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        _issuerKey.Dispose();
        await using var database = new TestDatabase("datapunk-oidc-tests", maxPoolSize: 1);
        await database.DeleteClusterAsync(_clusterId, CancellationToken.None);
    }

    private HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = _silo!.Gateway, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Token(RSA key, string issuer, string audience, string userName, string? scope)
    {
        var claims = new List<Claim> { new("preferred_username", userName), new("sub", Guid.NewGuid().ToString()) };
        if (scope is not null)
        {
            claims.Add(new Claim("scope", scope));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.ExportParameters(true)) { KeyId = "issuer-1" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
