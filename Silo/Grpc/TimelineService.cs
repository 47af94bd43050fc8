using Datapunk.Lake.Reading;
using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>The caller's local days over gRPC (timeline.proto), asked and checked as <c>GET /api/v1/timeline</c> asks them.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class TimelineService(IGrainFactory grains) : V1.Timeline.TimelineBase
{
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["tz"] = "time_zone", ["limit"] = "page_size", ["after"] = "page_token", ["kind"] = "kinds", ["source"] = "sources",
    };

    [GrpcAudited(AuditActions.TimelineRead)]
    public override async Task<V1.TimelinePage> Get(V1.GetTimelineRequest request, ServerCallContext context)
    {
        var (query, errors) = ReadingRequests.Timeline(
            GrpcArguments.Given(request.Date),
            GrpcArguments.Given(request.From),
            GrpcArguments.Given(request.To),
            GrpcArguments.Given(request.TimeZone),
            GrpcArguments.OrDefault(request.PageSize, ReadingLimits.DefaultTimelineEntries),
            GrpcArguments.Given(request.PageToken),
            new QueryErrors(),
            [.. request.Kinds],
            [.. request.Sources]);
        var page = await grains.CallerUser(context).GetTimelineAsync(GrpcArguments.Valid(query, errors, FieldNames), context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(page.Entries.Count);
        return page.ToMessage();
    }
}
