using System.Security.Claims;
using Datapunk.Users.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Auth;

/// <summary>
/// An administrator acts for another user by sending <c>Datapunk-Act-As: NAME</c> (the CLI's
/// <c>--user NAME</c>). The request then runs as that user, with the administrator kept in the
/// <c>act</c> claim, which the audit log records with every access. Anyone else naming another
/// user gets 403; naming an unknown user gets 404.
/// </summary>
internal sealed class ActAsUserMiddleware(RequestDelegate next)
{
    public const string Header = "Datapunk-Act-As";

    public async Task InvokeAsync(HttpContext context, AccountTable accounts, IProblemDetailsService problems)
    {
        var target = context.Request.Headers[Header].ToString();
        if (target.Length == 0 || context.User.Identity?.IsAuthenticated != true || target == context.User.UserIdOf())
        {
            await next(context);
            return;
        }

        if (!context.User.HasScope(AccessScopes.Admin) || !AccountRoles.IsAdministrator(context.User.RoleOf()))
        {
            await WriteAsync(context, problems, StatusCodes.Status403Forbidden, "Not an administrator",
                $"Only an administrator's token with the admin scope may act for another user ({Header}: {target}).");
            return;
        }

        var account = UserNames.IsValid(target) ? await accounts.FindAsync(target, context.RequestAborted) : null;
        if (account is null)
        {
            await WriteAsync(context, problems, StatusCodes.Status404NotFound, "No such user", $"There is no user '{target}' to act for ({Header}).");
            return;
        }

        var administrator = context.User.UserIdOf();
        context.User = CallerPrincipals.Create(
            context.User.Identity!.AuthenticationType ?? "act-as", account.UserId, account.Role, [AccessScopes.Write],
            new Claim(CallerPrincipals.ActorClaim, administrator));
        await next(context);
    }

    private static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
