using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// Google's documented OAuth 2.0 server as every fake Google API needs it: <c>/o/oauth2/v2/auth</c> signs in
/// as <see cref="SignedInAccount"/> and gives a refresh token only to <c>access_type=offline</c>, and to an
/// account that consented before only with <c>prompt=consent</c>; <c>/token</c> takes authorization_code
/// with PKCE S256 and refresh_token (which answers no new refresh token), the client id and secret by HTTP
/// Basic. Its access tokens are the API's (<see cref="TryAccountOf"/>) and expire on demand.
/// </summary>
internal sealed class FakeGoogleOAuth(string clientId, string scope, Func<string, bool> hasAccount)
{
    public const string ClientSecret = "datapunk-google-test-secret";

    private readonly ConcurrentDictionary<string, (string Account, string Challenge, string RedirectUri, bool Offline)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _consented = new(StringComparer.Ordinal);
    private readonly FakeAccessTokens _accessTokens = new();
    private int _refreshes;

    public string? SignedInAccount { get; set; }

    public int Refreshes => _refreshes;

    /// <summary>Maps the authorize and token endpoints on <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/o/oauth2/v2/auth", Authorize);
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
    }

    /// <summary>Every access token issued so far answers 401 from now on (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens() => _accessTokens.ExpireAll();

    /// <summary>The account of the request's bearer token; false when it has none, or one unknown or expired.</summary>
    public bool TryAccountOf(HttpContext context, out string account) => _accessTokens.TryAccountOf(context, out account);

    /// <summary>An error as Google's APIs write one: <c>{error: {errors: [{domain, reason, message}], code, message}}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { errors = new[] { new { domain = "global", reason, message } }, code = status, message } });
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (!FakeOAuth.IsCodeRequest(query, clientId))
        {
            return Results.BadRequest("invalid authorize request");
        }

        var redirect = query["redirect_uri"].ToString();
        var state = Uri.EscapeDataString(query["state"].ToString());
        if (SignedInAccount is not { } email || !hasAccount(email))
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={state}");
        }

        // Google's rule: offline access gives a refresh token on the first consent, and later only when consent is asked again.
        var offline = query["access_type"] == "offline" && (!_consented.ContainsKey(email) || query["prompt"] == "consent");
        _consented[email] = true;
        var code = FakeOAuth.Token();
        _codes[code] = (email, query["code_challenge"].ToString(), redirect, offline);
        return Results.Redirect($"{redirect}?code={code}&state={state}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        if (!FakeOAuth.IsClient(context, clientId, ClientSecret))
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var form = await context.Request.ReadFormAsync();
        var accessToken = FakeOAuth.Token();
        var answer = new JsonObject { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 3599, ["scope"] = scope };
        if (form["grant_type"] == "authorization_code" && _codes.TryRemove(form["code"].ToString(), out var issued)
            && issued.RedirectUri == form["redirect_uri"] && FakeOAuth.Challenge(form["code_verifier"].ToString()) == issued.Challenge)
        {
            _accessTokens.Grant(accessToken, issued.Account);
            if (issued.Offline)
            {
                var refreshToken = "1//" + FakeOAuth.Token();
                _refreshTokens[refreshToken] = issued.Account;
                answer["refresh_token"] = refreshToken;
            }
        }
        else if (form["grant_type"] == "refresh_token" && _refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var owner))
        {
            Interlocked.Increment(ref _refreshes);
            _accessTokens.Grant(accessToken, owner);
        }
        else
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }
}
