using Datapunk.Users.Audit;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary><c>GET /api/v1/anomalies?from=&amp;to=</c>: the caller's unusual days, each with the reasons in words (docs/forge.md).</summary>
public static class AnomaliesApi
{
    public static RouteGroupBuilder MapAnomaliesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/anomalies", ListAsync).WithTags("Anomalies").Audited(AuditActions.AnomaliesRead).WithName("ListAnomalies")
            .WithSummary("Your unusual local days from= to to= (yyyy-MM-dd, both included), each with a score, the reasons (\"travelled 24.5 km, 6.7× your usual 3.6 km\") and the day's features.");
        return api;
    }

    private static async Task<Results<Ok<AnomalyList>, ValidationProblem>> ListAsync(
        HttpContext http, IGrainFactory grains, string? from, string? to, CancellationToken cancellationToken)
    {
        var (first, last, errors) = ReadingRequests.DateRange(from, to);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var anomalies = await grains.GetGrain<IAnomaliesModel>(ModelKeys.Of(http.User.UserIdOf(), ModelKinds.Anomalies))
            .ListAnomaliesAsync(first, last, cancellationToken);
        http.ReportAuditedRecords(anomalies.Days.Count);
        return TypedResults.Ok(anomalies);
    }
}
