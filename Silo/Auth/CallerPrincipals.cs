using System.Security.Claims;

namespace Datapunk.Silo.Auth;

/// <summary>Builds the principal every sign-in method ends with (<see cref="CallerClaims"/>).</summary>
public static class CallerPrincipals
{
    public const string TokenIdClaim = "token_id";
    public const string SessionIdClaim = "sid";
    public const string ActorClaim = "act";

    public static ClaimsPrincipal Create(string scheme, string userId, string role, IEnumerable<string> scopes, params Claim[] extra)
    {
        var identity = new ClaimsIdentity(scheme, CallerClaims.UserId, CallerClaims.Role);
        identity.AddClaim(new Claim(CallerClaims.UserId, userId));
        identity.AddClaim(new Claim(CallerClaims.Role, role));
        identity.AddClaim(new Claim(CallerClaims.Scope, string.Join(' ', Granted(scopes, role))));
        identity.AddClaims(extra);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The scopes a caller holds: each implies the ones below it (admin ⊃ write ⊃ read), and admin
    /// needs an administrator's account whatever the token says.
    /// </summary>
    public static IReadOnlyList<string> Granted(IEnumerable<string> requested, string role)
    {
        var highest = requested.Select(scope => AccessScopesOrder.IndexOf(scope)).DefaultIfEmpty(-1).Max();
        if (highest == AccessScopesOrder.IndexOf(AccessScopes.Admin) && !AccountRoles.IsAdministrator(role))
        {
            highest = AccessScopesOrder.IndexOf(AccessScopes.Write);
        }

        return [.. AccessScopesOrder.Take(highest + 1)];
    }

    /// <summary>Every scope an account of <paramref name="role"/> may hold.</summary>
    public static IReadOnlyList<string> AllFor(string role) => Granted([AccessScopes.Admin], role);

    private static readonly List<string> AccessScopesOrder = [AccessScopes.Read, AccessScopes.Write, AccessScopes.Admin];
}
