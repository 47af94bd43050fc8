using System.Security.Claims;

namespace Datapunk.Silo.Auth;

/// <summary>The scopes a new personal access token may be given, for the REST and gRPC token services alike.</summary>
public static class NewTokenScopes
{
    /// <summary>Why <paramref name="scopes"/> cannot be given to a token <paramref name="creator"/> makes, or null when they can.</summary>
    public static string? ProblemWith(IReadOnlyList<string> scopes, ClaimsPrincipal creator)
    {
        var unknown = scopes.Where(scope => !AccessScopes.All.Contains(scope)).ToList();
        if (unknown.Count > 0 || scopes.Count == 0)
        {
            return $"Scopes must be some of {string.Join(", ", AccessScopes.All)}; got '{string.Join(", ", unknown)}'.";
        }

        // A token never holds more than its creator: no admin scope from a member, none beyond the credential in use.
        return scopes.Any(scope => !creator.HasScope(scope)) ? "A token cannot have a scope the credential creating it does not have." : null;
    }
}
