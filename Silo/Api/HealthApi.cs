using Datapunk.Actors.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Datapunk.Silo.Api;

/// <summary>Liveness and readiness for process supervisors and Kubernetes probes.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", static () => TypedResults.Ok(new HealthReport("live", null)))
            .WithName("Live").WithSummary("The process is running.");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("The database is reachable and the silo has joined the cluster.");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> ReadyAsync(
        NpgsqlDataSource dataSource, ISiloStatus silo, CancellationToken cancellationToken)
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

        if (problem is null && !silo.IsReady)
        {
            problem = "The silo has not joined the cluster yet (or lost contact with it).";
        }

        return problem is null
            ? TypedResults.Ok(new HealthReport("ready", silo.SiloId))
            : TypedResults.Json(new HealthReport("not ready", problem), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record HealthReport(string Status, string? Detail);
}
