using System.Security.Claims;
using Datapunk.Users.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Datapunk.Silo.Auth;

/// <summary>Issues the short-lived JWTs of signed-in sessions (HMAC-SHA256 with the key in <see cref="SigningKeyFile"/>).</summary>
public sealed class SessionTokens(AuthSettings settings, SessionSigningKey key, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public SessionGrant Issue(OpenedSession session, string role)
    {
        var now = clock.GetUtcNow();
        var expires = now + settings.SessionTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSettings.Issuer,
            Audience = AuthSettings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(CallerClaims.UserId, session.Session.UserId),
                new Claim(CallerClaims.Role, role),
                new Claim(CallerClaims.Scope, string.Join(' ', CallerPrincipals.AllFor(role))),
                new Claim(CallerPrincipals.SessionIdClaim, session.Session.SessionId.ToString("N")),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
        return new SessionGrant(token, expires, session.RefreshToken, session.Session.SessionId, session.Session.UserId);
    }
}

/// <summary>The signing key, loaded once per silo.</summary>
public sealed class SessionSigningKey(AuthSettings settings)
{
    public SymmetricSecurityKey Key { get; } = new(SigningKeyFile.LoadOrCreate(settings.SigningKeyPath)) { KeyId = "session-1" };
}

/// <summary>What a sign-in or a renewal answers: the JWT for API calls and the refresh token that renews it.</summary>
public sealed record SessionGrant(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, Guid SessionId, string UserId);
