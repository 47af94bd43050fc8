using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Datapunk.Users.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Datapunk.Silo.Auth;

/// <summary>
/// Authenticates a phone posting location fixes with an ingest token (<c>dpit_…</c>), the way tracker
/// apps send it: HTTP Basic with the user's name and the token as password (OwnTracks), <c>Authorization:
/// Bearer</c>, or <c>?token=</c> / <c>?access_token=</c> (Overland). Only the ingest routes use this
/// scheme (<see cref="AuthPolicies.Ingest"/>), and the principal it makes has no scope: an ingest token
/// opens nothing else, and no other credential opens the ingest routes.
/// </summary>
internal sealed class IngestTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IngestTokenTable tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ingest-token";

    public const string TokenIdClaim = "ingest_token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Credentials() is not { } credentials)
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.ValidateAsync(credentials.Token, Context.RequestAborted);
        if (token is null || (credentials.UserName is { } name && name != token.UserId))
        {
            return AuthenticateResult.Fail("The ingest token is unknown or revoked, or belongs to another user.");
        }

        var identity = new ClaimsIdentity(SchemeName, CallerClaims.UserId, CallerClaims.Role);
        identity.AddClaim(new Claim(CallerClaims.UserId, token.UserId));
        identity.AddClaim(new Claim(TokenIdClaim, token.TokenId.ToString("N")));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"datapunk-ingest\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    /// <summary>The token (and, with Basic, the user name it must belong to), from the header or the query.</summary>
    private (string? UserName, string Token)? Credentials()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, header["Bearer ".Length..].Trim());
        }

        var query = Request.Query["token"].FirstOrDefault() ?? Request.Query["access_token"].FirstOrDefault();
        return query is null ? null : (null, query);
    }
}
