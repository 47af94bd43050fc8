using Datapunk.Silo.Auth;
using Datapunk.Streams;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// The caller's live-source connections at <c>/api/v1/connections</c> (docs/sources.md): list with
/// status, connect (returns the provider's authorize URL), sync now, pause, resume, remove. Every call
/// goes through the caller's own user grain, for which another user's connection does not exist (404).
/// The provider's callback is <see cref="ConnectionCallback"/>.
/// </summary>
public static class ConnectionsApi
{
    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        var connections = api.MapGroup("/connections").WithTags("Connections");
        connections.MapGet("", ListAsync).WithName("ListConnections").Audited(AuditActions.ConnectionsRead)
            .WithSummary("Your connections with their status: connected, syncing, failing or reauthorize; paused; last poll, last success, last error, next poll.");
        connections.MapGet("/providers", Providers).WithName("ListConnectionProviders")
            .WithSummary("The providers an account can be connected from: name, title, a line on what it reads and does not, and whether the operator configured its OAuth client here.");
        connections.MapPost("/{provider}", BeginAsync).WithName("StartConnection").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ConnectionsChange)
            .WithSummary("Begins connecting an account of the provider: returns {\"authorizeUrl\"} to open in a browser; the provider sends it back to /api/v1/connections/callback.");
        connections.MapPost("/{id}/sync", SyncAsync).WithName("SyncConnection").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ConnectionsChange)
            .WithSummary("Polls the connection (provider:account) now and returns what the poll stored.");
        connections.MapPost("/{id}/pause", PauseAsync).WithName("PauseConnection").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ConnectionsChange)
            .WithSummary("Stops polling the connection until it is resumed.");
        connections.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeConnection").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ConnectionsChange)
            .WithSummary("Polls the connection on schedule again, the first poll now.");
        connections.MapDelete("/{id}", RemoveAsync).WithName("RemoveConnection").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ConnectionsChange)
            .WithSummary("Removes the connection and forgets its tokens; the records it stored stay.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ConnectionStatus>>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var connections = await UserOf(http, grains).ListConnectionsAsync();
        http.ReportAuditedRecords(connections.Count);
        return TypedResults.Ok(connections);
    }

    private static async Task<Results<Ok<ConnectionStart>, NotFound<ProblemDetails>>> BeginAsync(string provider, HttpContext http, IGrainFactory grains)
    {
        try
        {
            return TypedResults.Ok(new ConnectionStart(await UserOf(http, grains).BeginConnectionAsync(provider, ConnectionCallback.DefaultUri(http).ToString())));
        }
        catch (ArgumentException exception)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "No such provider", Detail = exception.Message, Status = StatusCodes.Status404NotFound });
        }
    }

    private static async Task<Results<Ok<ConnectionSync>, NotFound<ProblemDetails>>> SyncAsync(string id, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).SyncConnectionAsync(id) is { } sync ? TypedResults.Ok(sync) : TypedResults.NotFound(NoSuchConnection(id));

    private static async Task<Results<Ok<ConnectionStatus>, NotFound<ProblemDetails>>> PauseAsync(string id, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).PauseConnectionAsync(id) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound(NoSuchConnection(id));

    private static async Task<Results<Ok<ConnectionStatus>, NotFound<ProblemDetails>>> ResumeAsync(string id, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).ResumeConnectionAsync(id) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound(NoSuchConnection(id));

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RemoveAsync(string id, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).RemoveConnectionAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound(NoSuchConnection(id));

    /// <summary>A provider as the connections page offers it.</summary>
    public sealed record ConnectionProvider(string Name, string Title, string Description, bool Configured);

    private static Ok<IReadOnlyList<ConnectionProvider>> Providers(StreamProviders providers) =>
        TypedResults.Ok<IReadOnlyList<ConnectionProvider>>([.. providers.Known.Select(p => new ConnectionProvider(p.Name, p.Title, p.Description, providers.Find(p.Name) is not null))]);

    private static IUserGrain UserOf(HttpContext http, IGrainFactory grains) => grains.GetGrain<IUserGrain>(http.User.UserIdOf());

    private static ProblemDetails NoSuchConnection(string id) =>
        new() { Title = "No such connection", Detail = $"You have no connection '{id}' (ids are provider:account).", Status = StatusCodes.Status404NotFound };
}
