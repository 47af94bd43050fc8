using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// Microsoft's identity platform (v2.0 endpoints) as the fake Graph needs it: <c>/common/oauth2/v2.0/authorize</c>
/// signs in as <see cref="SignedInAccount"/> and <c>/common/oauth2/v2.0/token</c> takes authorization_code with
/// PKCE S256 and refresh_token, the client id and secret by HTTP Basic (which Microsoft accepts beside form
/// fields). As documented: a refresh token only for the <c>offline_access</c> scope; a refresh-token grant
/// must name its <c>scope</c> (AADSTS90014 without); every refresh answers a new refresh token. Its access
/// tokens are the API's (<see cref="TryAccountOf"/>) and expire on demand.
/// </summary>
internal sealed class FakeMicrosoftIdentity(string clientId, Func<string, bool> hasAccount)
{
    public const string ClientSecret = "datapunk-microsoft-test-secret";

    private readonly ConcurrentDictionary<string, (string Account, string Challenge, string RedirectUri, string Scope)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly FakeAccessTokens _accessTokens = new();
    private int _refreshes;

    public string? SignedInAccount { get; set; }

    public int Refreshes => _refreshes;

    public void Map(WebApplication app)
    {
        app.MapGet("/common/oauth2/v2.0/authorize", Authorize);
        app.MapPost("/common/oauth2/v2.0/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
    }

    public void ExpireAccessTokens() => _accessTokens.ExpireAll();

    public bool TryAccountOf(HttpContext context, out string account) => _accessTokens.TryAccountOf(context, out account);

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (!FakeOAuth.IsCodeRequest(query, clientId))
        {
            return Results.BadRequest("AADSTS900144: invalid authorize request");
        }

        var redirect = query["redirect_uri"].ToString();
        var state = Uri.EscapeDataString(query["state"].ToString());
        if (SignedInAccount is not { } account || !hasAccount(account))
        {
            return Results.Redirect($"{redirect}?error=access_denied&error_description=AADSTS65004&state={state}");
        }

        var code = "M." + FakeOAuth.Token();
        _codes[code] = (account, query["code_challenge"].ToString(), redirect, query["scope"].ToString());
        return Results.Redirect($"{redirect}?code={code}&state={state}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        if (!FakeOAuth.IsClient(context, clientId, ClientSecret))
        {
            return Error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }

        var form = await context.Request.ReadFormAsync();
        string account;
        string scope;
        if (form["grant_type"] == "authorization_code" && _codes.TryRemove(form["code"].ToString(), out var issued)
            && issued.RedirectUri == form["redirect_uri"] && FakeOAuth.Challenge(form["code_verifier"].ToString()) == issued.Challenge)
        {
            (account, scope) = (issued.Account, issued.Scope);
        }
        else if (form["grant_type"] == "refresh_token" && _refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var owner))
        {
            if (string.IsNullOrEmpty(form["scope"]))
            {
                return Error(400, "invalid_request", "AADSTS90014: The required field 'scope' is missing from the credential.");
            }

            Interlocked.Increment(ref _refreshes);
            (account, scope) = (owner, form["scope"].ToString());
        }
        else
        {
            return Error(400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or was revoked.");
        }

        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var accessToken = "EwB" + FakeOAuth.Token();
        _accessTokens.Grant(accessToken, account);
        var answer = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', scopes.Where(s => s != "offline_access")),
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = accessToken,
        };
        if (scopes.Contains("offline_access"))
        {
            var refreshToken = "M.R3_" + FakeOAuth.Token();
            _refreshTokens[refreshToken] = account;
            answer["refresh_token"] = refreshToken;
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
