using Datapunk.Users.Audit;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary><c>GET /api/v1/stats/daily</c> and <c>/stats/metrics</c>: daily series of the caller's data in their time zone.</summary>
public static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        var stats = api.MapGroup("/stats").WithTags("Stats");
        stats.MapGet("/metrics", static () => TypedResults.Ok(StatsMetrics.List)).WithName("ListStatsMetrics")
            .WithSummary("The metrics /stats/daily computes, with their unit and what they count.");
        stats.MapGet("/daily", DailyAsync).Audited(AuditActions.StatsRead).WithName("GetDailyStats")
            .WithSummary("A metric's value for each local day from= to to= (yyyy-MM-dd, both included, at most 366 days) in time zone tz= (IANA id, default UTC); "
                + "metric=records needs kind=.");
        return api;
    }

    private static async Task<Results<Ok<DailySeries>, ValidationProblem>> DailyAsync(
        HttpContext http, IGrainFactory grains, string? metric, string? kind, string? from, string? to, string? tz, CancellationToken cancellationToken)
    {
        var (query, errors) = ReadingRequests.DailyStats(metric, kind, from, to, tz);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var series = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetDailyStatsAsync(query, cancellationToken);
        http.ReportAuditedRecords(series.Days.Count);
        return TypedResults.Ok(series);
    }
}
