using Datapunk.Lake.Reading;
using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>Daily series of the caller's data over gRPC (stats.proto), asked and checked as <c>GET /api/v1/stats/daily</c> asks them.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class StatsService(IGrainFactory grains) : V1.Stats.StatsBase
{
    private static readonly Dictionary<string, string> FieldNames = new() { ["tz"] = "time_zone" };

    public override Task<V1.ListMetricsReply> ListMetrics(V1.ListMetricsRequest request, ServerCallContext context) =>
        Task.FromResult(new V1.ListMetricsReply { Metrics = { StatsMetrics.List.Select(metric => metric.ToMessage()) } });

    [GrpcAudited(AuditActions.StatsRead)]
    public override async Task<V1.DailySeries> GetDaily(V1.GetDailyStatsRequest request, ServerCallContext context)
    {
        var (query, errors) = ReadingRequests.DailyStats(
            GrpcArguments.Given(request.Metric),
            GrpcArguments.Given(request.Kind),
            GrpcArguments.Given(request.From),
            GrpcArguments.Given(request.To),
            GrpcArguments.Given(request.TimeZone));
        var series = await grains.CallerUser(context).GetDailyStatsAsync(GrpcArguments.Valid(query, errors, FieldNames), context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(series.Days.Count);
        return series.ToMessage();
    }
}
