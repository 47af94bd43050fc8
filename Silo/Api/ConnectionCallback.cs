using Datapunk.Streams;
using Datapunk.Streams.OAuth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// <c>GET /api/v1/connections/callback?code&amp;state</c>, where the provider sends the browser back. It
/// carries no Datapunk credentials: the state, random, single use and expiring, names the user who began
/// the authorization. A wrong, used or expired state, or a provider error, is a 400 and stores nothing;
/// a browser is sent on to the web app's sources page instead, which says the same in words.
/// </summary>
public static class ConnectionCallback
{
    public const string Path = $"{ApiV1.Prefix}/connections/callback";

    /// <summary>The web app's page a browser returns to, which says how the connection went.</summary>
    public const string SourcesPage = "/sources";

    public static IEndpointRouteBuilder MapConnectionCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, CompleteAsync).AllowAnonymous().WithTags("Connections").WithName("CompleteConnection")
            .WithSummary("The OAuth redirect target: exchanges the code, finds the account, stores the encrypted tokens and starts polling.");
        return app;
    }

    /// <summary>The callback address on this gateway, as the browser reached it (configure Stream:Providers:{name}:RedirectUri behind a proxy).</summary>
    public static Uri DefaultUri(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}{Path}");

    private static async Task<Results<Ok<ConnectionStatus>, BadRequest<ProblemDetails>, RedirectHttpResult>> CompleteAsync(
        string? code, string? state, string? error, HttpContext http, ConnectionAuthorizer authorizer, IGrainFactory grains, IAuditLog audit)
    {
        Datapunk.Streams.Connections.ConnectionRow row;
        try
        {
            row = await authorizer.CompleteAsync(state, code, error, DefaultUri(http), http.RequestAborted);
        }
        catch (Exception exception) when (exception is AuthorizationRefusedException or UnknownProviderException or ProviderResponseException or ProviderUnavailableException)
        {
            return FromBrowser(http)
                ? TypedResults.Redirect($"{SourcesPage}?error={Uri.EscapeDataString("The connection was not made: " + exception.Message)}")
                : TypedResults.BadRequest(new ProblemDetails { Title = "The connection was not made", Detail = exception.Message, Status = StatusCodes.Status400BadRequest });
        }

        var userId = row.Key.UserId;
        await audit.AppendAsync(
            new AuditEntry(userId, userId, AuditActions.ConnectionsChange, 0, http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                new Dictionary<string, string> { ["method"] = "GET", ["route"] = Path, ["connection"] = row.Key.Id }),
            CancellationToken.None);
        CallerContext.Set(userId, AccountRoles.Member);
        try
        {
            var status = await grains.GetGrain<IUserGrain>(userId).ConnectionAuthorizedAsync(row.Key.Id);
            return FromBrowser(http) ? TypedResults.Redirect($"{SourcesPage}?connected={Uri.EscapeDataString(row.Key.Id)}") : TypedResults.Ok(status!);
        }
        finally
        {
            CallerContext.Clear();
        }
    }

    /// <summary>
    /// A person's browser, which the provider sent back here, asks for a page (Accept: text/html) and is
    /// sent on to the sources page; a program gets the status, or the problem, as JSON.
    /// </summary>
    private static bool FromBrowser(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
