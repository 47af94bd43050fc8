using System.Security.Claims;
using System.Text.Encodings.Web;
using Datapunk.Users.Accounts;
using Datapunk.Users.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Datapunk.Silo.Auth;

/// <summary>Authenticates <c>Authorization: Bearer dpat_…</c>: a personal access token, checked against its stored hash, expiry and revocation.</summary>
internal sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenTable tokens, AccountTable accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "access-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } text || !AccessTokenText.LooksLikeAccessToken(text))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.ValidateAsync(text, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The access token is unknown, expired or revoked.");
        }

        var account = await accounts.FindAsync(token.UserId, Context.RequestAborted);
        if (account is null)
        {
            return AuthenticateResult.Fail("The access token's account no longer exists.");
        }

        var principal = CallerPrincipals.Create(SchemeName, account.UserId, account.Role, token.Scopes,
            new Claim(CallerPrincipals.TokenIdClaim, token.TokenId.ToString("N")));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>The bearer token of a request: the Authorization header, or (for GET requests from a browser) the session cookie.</summary>
internal static class BearerToken
{
    public const string SessionCookie = "datapunk_session";

    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // The cookie serves reads only: a cross-site form can never change anything with it.
        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? request.Cookies[SessionCookie] : null;
    }
}
