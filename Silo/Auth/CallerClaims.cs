using System.Security.Claims;

namespace Datapunk.Silo.Auth;

/// <summary>
/// The claims every authenticated request carries, whichever way it signed in (a session JWT, a
/// personal access token, an external OpenID Connect token): the user id, the account role, and the
/// scopes granted (<see cref="AccessScopes"/>).
/// </summary>
public static class CallerClaims
{
    public const string UserId = "sub";
    public const string Role = "role";
    public const string Scope = "scope";

    /// <summary>The authenticated user's id; personal data is always looked up by this, never by a URL or a body.</summary>
    public static string UserIdOf(this ClaimsPrincipal principal) =>
        principal.FindFirst(UserId)?.Value is { Length: > 0 } userId
            ? userId
            : throw new InvalidOperationException("The request is not authenticated: no user id claim.");

    public static string RoleOf(this ClaimsPrincipal principal) => principal.FindFirst(Role)?.Value ?? AccountRoles.Member;

    public static bool HasScope(this ClaimsPrincipal principal, string scope) =>
        principal.FindAll(Scope).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope);
}
