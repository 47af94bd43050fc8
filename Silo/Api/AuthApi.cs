using System.Globalization;
using Datapunk.Silo.Auth;
using Datapunk.Users.Accounts;
using Datapunk.Users.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// Signing in: with a password, with a one-time link, or by renewing a session. Anonymous routes
/// (rate-limited per client address); every answer is a session grant or a problem.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup($"{ApiV1.Prefix}/auth").WithTags("Sign-in").AllowAnonymous();
        auth.MapPost("/sign-in", SignInAsync).WithName("SignIn")
            .WithSummary("Signs in with a user name and password; answers a short-lived JWT and a refresh token (and sets a read-only session cookie for browsers).");
        auth.MapPost("/link", RedeemLinkAsync).WithName("SignInWithLink")
            .WithSummary("Signs in with a one-time sign-in link's code, optionally setting the account's password.");
        auth.MapPost("/refresh", RefreshAsync).WithName("RefreshSession")
            .WithSummary("Renews a session: a new JWT and a new refresh token (the old one stops working).");
        return app;
    }

    private static async Task<Results<Ok<SessionGrant>, UnauthorizedHttpResult, ProblemHttpResult, ValidationProblem>> SignInAsync(
        SignInRequest body, HttpContext http, PasswordSignIn passwords, SessionTable sessions, SessionTokens tokens, AuthSettings settings)
    {
        if (string.IsNullOrEmpty(body.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["A user name and a password are required."] });
        }

        switch (await passwords.SignInAsync(body.UserName, body.Password, http.RequestAborted))
        {
            case PasswordSignInResult.SignedIn signedIn:
                return TypedResults.Ok(await OpenAsync(http, signedIn.Account, sessions, tokens, settings));
            case PasswordSignInResult.LockedOut locked:
                http.Response.Headers.RetryAfter = Math.Max(1, (int)(locked.Until - DateTimeOffset.UtcNow).TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                    detail: $"Too many failed sign-ins: the account is locked until {locked.Until:u}.");
            default:
                return TypedResults.Unauthorized();
        }
    }

    private static async Task<Results<Ok<SessionGrant>, UnauthorizedHttpResult, ValidationProblem>> RedeemLinkAsync(
        LinkSignInRequest body, HttpContext http, SignInLinkTable links, AccountTable accounts, PasswordSignIn passwords,
        SessionTable sessions, SessionTokens tokens, AuthSettings settings)
    {
        if (body.NewPassword is { } password && password.Length < PasswordSignIn.MinimumLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [$"A password must be at least {PasswordSignIn.MinimumLength} characters."] });
        }

        var userId = string.IsNullOrEmpty(body.Code) ? null : await links.RedeemAsync(body.Code, http.RequestAborted);
        if (userId is null || await accounts.FindAsync(userId, http.RequestAborted) is not { } account)
        {
            return TypedResults.Unauthorized();
        }

        if (body.NewPassword is not null)
        {
            await passwords.SetPasswordAsync(userId, body.NewPassword, http.RequestAborted);
        }

        return TypedResults.Ok(await OpenAsync(http, account, sessions, tokens, settings));
    }

    private static async Task<Results<Ok<SessionGrant>, UnauthorizedHttpResult>> RefreshAsync(
        RefreshRequest body, HttpContext http, SessionTable sessions, AccountTable accounts, SessionTokens tokens)
    {
        var renewed = string.IsNullOrEmpty(body.RefreshToken) ? null : await sessions.RenewAsync(body.RefreshToken, http.RequestAborted);
        if (renewed is null || await accounts.FindAsync(renewed.Session.UserId, http.RequestAborted) is not { } account)
        {
            return TypedResults.Unauthorized();
        }

        var grant = tokens.Issue(renewed, account.Role);
        SetSessionCookie(http, grant);
        return TypedResults.Ok(grant);
    }

    private static async Task<SessionGrant> OpenAsync(HttpContext http, Account account, SessionTable sessions, SessionTokens tokens, AuthSettings settings)
    {
        var session = await sessions.OpenAsync(account.UserId, http.Request.Headers.UserAgent.ToString(), settings.SessionLifetime, http.RequestAborted);
        var grant = tokens.Issue(session, account.Role);
        SetSessionCookie(http, grant);
        return grant;
    }

    private static void SetSessionCookie(HttpContext http, SessionGrant grant) =>
        http.Response.Cookies.Append(BearerToken.SessionCookie, grant.AccessToken, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Expires = grant.ExpiresAt,
            Path = "/",
        });
}

public sealed record SignInRequest(string UserName, string Password);

public sealed record LinkSignInRequest(string Code, string? NewPassword);

public sealed record RefreshRequest(string RefreshToken);
