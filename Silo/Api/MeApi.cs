using System.Security.Claims;
using Datapunk.Silo.Auth;
using Datapunk.Users.Accounts;
using Datapunk.Users.Sessions;
using Datapunk.Users.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>The caller's own account: profile, password, personal access tokens and signed-in sessions.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/", GetAsync).WithName("GetMe").WithSummary("The caller's profile, role and the scopes of the credential in use.");
        me.MapPatch("/", UpdateAsync).WithName("UpdateMe").WithSummary("Changes the caller's display name, e-mail address and time zone.")
            .RequireAuthorization(AuthPolicies.Write);
        me.MapPut("/password", SetPasswordAsync).WithName("SetPassword").WithSummary("Sets the caller's password (the current one is required when there is one).")
            .RequireAuthorization(AuthPolicies.Write);

        var tokens = me.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", ListTokensAsync).WithName("ListTokens").WithSummary("The caller's personal access tokens (never their secrets).");
        tokens.MapPost("/", CreateTokenAsync).WithName("CreateToken").RequireAuthorization(AuthPolicies.Write)
            .WithSummary("Creates a personal access token with scopes read, write or admin and an optional expiry; its text is shown only in this answer.");
        tokens.MapDelete("/{tokenId:guid}", RevokeTokenAsync).WithName("RevokeToken").RequireAuthorization(AuthPolicies.Write)
            .WithSummary("Revokes one of the caller's tokens; it stops working at once.");

        var sessions = me.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapGet("/", ListSessionsAsync).WithName("ListSessions").WithSummary("The caller's signed-in sessions.");
        sessions.MapDelete("/{sessionId:guid}", RevokeSessionAsync).WithName("RevokeSession").RequireAuthorization(AuthPolicies.Write)
            .WithSummary("Signs one of the caller's sessions out; its JWT stops working at once.");
        return api;
    }

    private static async Task<Ok<MeResponse>> GetAsync(ClaimsPrincipal caller, IGrainFactory grains)
    {
        var profile = await grains.GetGrain<IUserGrain>(caller.UserIdOf()).GetProfileAsync();
        return TypedResults.Ok(new MeResponse(
            caller.UserIdOf(), caller.RoleOf(), profile?.DisplayName, profile?.Email, profile?.TimeZone,
            caller.FindFirst(CallerClaims.Scope)?.Value.Split(' ') ?? [], caller.FindFirst(CallerPrincipals.ActorClaim)?.Value));
    }

    private static async Task<Results<Ok<UserProfile>, ValidationProblem>> UpdateAsync(ClaimsPrincipal caller, UpdateUserProfile body, IGrainFactory grains)
    {
        try
        {
            return TypedResults.Ok(await grains.GetGrain<IUserGrain>(caller.UserIdOf()).UpdateProfileAsync(body));
        }
        catch (ArgumentException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = [exception.Message] });
        }
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> SetPasswordAsync(
        ClaimsPrincipal caller, SetPasswordRequest body, AccountTable accounts, PasswordSignIn passwords, CancellationToken cancellationToken)
    {
        var userId = caller.UserIdOf();
        var account = await accounts.FindAsync(userId, cancellationToken);
        if (account?.PasswordHash is not null
            && await passwords.SignInAsync(userId, body.CurrentPassword ?? "", cancellationToken) is not PasswordSignInResult.SignedIn)
        {
            return TypedResults.Unauthorized();
        }

        try
        {
            await passwords.SetPasswordAsync(userId, body.NewPassword, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ArgumentException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [exception.Message] });
        }
    }

    private static async Task<Ok<IReadOnlyList<AccessToken>>> ListTokensAsync(ClaimsPrincipal caller, AccessTokenTable tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(caller.UserIdOf(), cancellationToken));

    private static async Task<Results<Created<IssuedAccessToken>, ValidationProblem>> CreateTokenAsync(
        ClaimsPrincipal caller, NewTokenRequest body, AccessTokenTable tokens, CancellationToken cancellationToken)
    {
        var scopes = body.Scopes ?? [AccessScopes.Read];
        var unknown = scopes.Where(scope => !AccessScopes.All.Contains(scope)).ToList();
        if (unknown.Count > 0 || scopes.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scopes"] = [$"Scopes must be some of {string.Join(", ", AccessScopes.All)}; got '{string.Join(", ", unknown)}'."] });
        }

        // A token never holds more than its creator: no admin scope from a member, none beyond the credential in use.
        if (scopes.Any(scope => !caller.HasScope(scope)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scopes"] = ["A token cannot have a scope the credential creating it does not have."] });
        }

        try
        {
            var issued = await tokens.IssueAsync(caller.UserIdOf(), body.Name, scopes, body.ExpiresAt, cancellationToken);
            return TypedResults.Created($"{ApiV1.Prefix}/me/tokens/{issued.Token.TokenId}", issued);
        }
        catch (ArgumentException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [exception.Message] });
        }
    }

    private static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(ClaimsPrincipal caller, Guid tokenId, AccessTokenTable tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(caller.UserIdOf(), tokenId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<Session>>> ListSessionsAsync(ClaimsPrincipal caller, SessionTable sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sessions.ListAsync(caller.UserIdOf(), cancellationToken));

    private static async Task<Results<NoContent, NotFound>> RevokeSessionAsync(ClaimsPrincipal caller, Guid sessionId, SessionTable sessions, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(caller.UserIdOf(), sessionId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}

/// <summary>Who the caller is. <see cref="ActingAdministrator"/> is set when an administrator acts for this user.</summary>
public sealed record MeResponse(
    string UserName, string Role, string? DisplayName, string? Email, string? TimeZone, IReadOnlyList<string> Scopes, string? ActingAdministrator);

public sealed record SetPasswordRequest(string? CurrentPassword, string NewPassword);

public sealed record NewTokenRequest(string Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);
