using Datapunk.Users.Accounts;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Datapunk.Silo.Auth;

/// <summary>
/// A token from the trusted OpenID Connect issuer signs in the Datapunk account its user claim
/// names. The account's role decides what it may do; the token's own scopes (<c>scope</c> or
/// <c>scp</c>) narrow it when they name Datapunk's scopes.
/// </summary>
internal static class ExternalSignIn
{
    public static async Task MapToAccountAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var oidc = services.GetRequiredService<AuthSettings>().Oidc!;
        var userId = context.Principal?.FindFirst(oidc.UserClaim)?.Value?.ToLowerInvariant();
        if (!UserNames.IsValid(userId))
        {
            context.Fail($"The token's '{oidc.UserClaim}' claim is missing or is not a valid user name ({UserNames.Rule}).");
            return;
        }

        var accounts = services.GetRequiredService<AccountTable>();
        var account = await accounts.FindAsync(userId!, context.HttpContext.RequestAborted);
        if (account is null && oidc.CreateAccounts)
        {
            account = await CreateMemberAsync(services.GetRequiredService<IGrainFactory>(), accounts, userId!, context);
        }

        if (account is null)
        {
            context.Fail($"No Datapunk account is named '{userId}'; an administrator must create it first.");
            return;
        }

        var requested = context.Principal!.FindAll("scope").Concat(context.Principal.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(AccessScopes.All.Contains)
            .ToList();
        context.Principal = CallerPrincipals.Create("oidc", account.UserId, account.Role, requested.Count > 0 ? requested : CallerPrincipals.AllFor(account.Role));
    }

    private static async Task<Account?> CreateMemberAsync(IGrainFactory grains, AccountTable accounts, string userId, TokenValidatedContext context)
    {
        CallerContext.Set(userId, AccountRoles.Member);
        try
        {
            var name = context.Principal?.FindFirst("name")?.Value ?? userId;
            await grains.GetGrain<IUserGrain>(userId).CreateAsync(new CreateUser(name.Length > 200 ? name[..200] : name, context.Principal?.FindFirst("email")?.Value));
        }
        catch (UserAlreadyExistsException)
        {
            // Created by a concurrent first sign-in: just as good.
        }
        finally
        {
            CallerContext.Clear();
        }

        return await accounts.FindAsync(userId, context.HttpContext.RequestAborted);
    }
}
