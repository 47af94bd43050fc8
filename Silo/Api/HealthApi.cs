using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Datapunk.Silo.Api;

/// <summary>Liveness and readiness for process supervisors and Kubernetes probes.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", static () => TypedResults.Ok(new HealthReport("live", null)))
            .WithName("Live").WithSummary("The process is running.");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("The database is reachable and the silo is an active member of the cluster.");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> ReadyAsync(
        NpgsqlDataSource dataSource, ILocalSiloDetails local, IClusterMembershipService membership, CancellationToken cancellationToken)
    {
        string? problem = null;
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await command.ExecuteScalarAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            problem = $"The database is not reachable: {exception.Message}";
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        if (problem is null && status != SiloStatus.Active)
        {
            problem = $"The silo is not an active member of the cluster (membership status: {status}).";
        }

        return problem is null
            ? TypedResults.Ok(new HealthReport("ready", local.SiloAddress.ToParsableString()))
            : TypedResults.Json(new HealthReport("not ready", problem), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record HealthReport(string Status, string? Detail);
}
