using System.Security.Claims;
using Datapunk.Silo.Auth;
using Datapunk.Users.Accounts;
using Datapunk.Users.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>Administering users (admin scope and an administrator's account): list, create with a first token, read a profile.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(AuthPolicies.Admin);
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Every account: user name, role, creation time.");
        users.MapPost("/", CreateAsync).WithName("CreateUser")
            .WithSummary("Creates a user (role member or admin) and a personal access token for it, shown only in this answer.");
        users.MapGet("/{userName}", GetAsync).WithName("GetUser").WithSummary("A user's profile.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<UserAccount>>> ListAsync(AccountTable accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<UserAccount>>([.. (await accounts.ListAsync(cancellationToken)).Select(account => new UserAccount(account.UserId, account.Role, account.CreatedAt))]);

    private static async Task<Results<Created<CreatedUser>, Conflict<ProblemDetails>, ValidationProblem>> CreateAsync(
        ClaimsPrincipal caller, NewUser body, IGrainFactory grains, AccessTokenTable tokens, CancellationToken cancellationToken)
    {
        var role = body.Role ?? AccountRoles.Member;
        var errors = new Dictionary<string, string[]>();
        if (!UserNames.IsValid(body.UserName))
        {
            errors["userName"] = [$"'{body.UserName}' is not a valid user name: {UserNames.Rule}."];
        }

        if (role is not (AccountRoles.Member or AccountRoles.Admin))
        {
            errors["role"] = [$"'{role}' is not a role a user can be given: use member or admin."];
        }

        var displayName = string.IsNullOrWhiteSpace(body.DisplayName) ? body.UserName : body.DisplayName;
        if (displayName is null || displayName.Length > 200)
        {
            errors["displayName"] = ["The display name must be 1 to 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var profile = await grains.GetGrain<IUserGrain>(body.UserName).CreateAsync(new CreateUser(displayName!, body.Email, role));
            var scopes = role == AccountRoles.Admin ? AccessScopes.Admin : AccessScopes.Write;
            var token = await tokens.IssueAsync(profile.UserName, $"created by {caller.UserIdOf()}", [scopes], null, cancellationToken);
            return TypedResults.Created($"{ApiV1.Prefix}/users/{profile.UserName}", new CreatedUser(profile.UserName, profile.Role, token.Text));
        }
        catch (UserAlreadyExistsException exception)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "User exists", Detail = exception.Message, Status = StatusCodes.Status409Conflict });
        }
    }

    private static async Task<Results<Ok<UserProfile>, NotFound<ProblemDetails>, ValidationProblem>> GetAsync(string userName, IGrainFactory grains)
    {
        if (!UserNames.IsValid(userName))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = [$"'{userName}' is not a valid user name: {UserNames.Rule}."] });
        }

        var profile = await grains.GetGrain<IUserGrain>(userName).GetProfileAsync();
        return profile is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "No such user", Detail = $"User '{userName}' does not exist.", Status = StatusCodes.Status404NotFound })
            : TypedResults.Ok(profile);
    }
}

/// <summary>An account as an administrator lists it.</summary>
public sealed record UserAccount(string UserName, string Role, DateTimeOffset CreatedAt);

/// <summary>A user just created, with its first personal access token (shown once). <c>--json</c> of <c>users add</c> prints {user, token}.</summary>
public sealed record CreatedUser(string User, string Role, string Token);
