using Datapunk.Silo.Auth;
using Datapunk.Users.Tokens;

namespace Datapunk.Silo.Api;

/// <summary>Creating a user with its first personal access token, as the REST and gRPC users services both do.</summary>
public static class NewUsers
{
    /// <summary>What is wrong with <paramref name="body"/>, by field name; empty when it can be created.</summary>
    public static Dictionary<string, string[]> Validate(NewUser body)
    {
        var errors = new Dictionary<string, string[]>();
        if (!UserNames.IsValid(body.UserName))
        {
            errors["userName"] = [$"'{body.UserName}' is not a valid user name: {UserNames.Rule}."];
        }

        if (RoleOf(body) is not (AccountRoles.Member or AccountRoles.Admin))
        {
            errors["role"] = [$"'{body.Role}' is not a role a user can be given: use member or admin."];
        }

        if (DisplayNameOf(body) is not { Length: > 0 and <= 200 })
        {
            errors["displayName"] = ["The display name must be 1 to 200 characters."];
        }

        return errors;
    }

    /// <summary>
    /// Creates a user that passed <see cref="Validate"/> and issues its first token (admin scope for an
    /// administrator, write otherwise). Throws <see cref="UserAlreadyExistsException"/> when the name is taken.
    /// </summary>
    public static async Task<CreatedUser> CreateAsync(
        NewUser body, string creator, IGrainFactory grains, AccessTokenTable tokens, CancellationToken cancellationToken)
    {
        var role = RoleOf(body);
        var profile = await grains.GetGrain<IUserGrain>(body.UserName).CreateAsync(new CreateUser(DisplayNameOf(body)!, body.Email, role));
        var scopes = role == AccountRoles.Admin ? AccessScopes.Admin : AccessScopes.Write;
        var token = await tokens.IssueAsync(profile.UserName, $"created by {creator}", [scopes], null, cancellationToken);
        return new CreatedUser(profile.UserName, profile.Role, token.Text);
    }

    private static string RoleOf(NewUser body) => body.Role ?? AccountRoles.Member;

    private static string? DisplayNameOf(NewUser body) => string.IsNullOrWhiteSpace(body.DisplayName) ? body.UserName : body.DisplayName;
}
