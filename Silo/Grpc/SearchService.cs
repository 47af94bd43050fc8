using Datapunk.Cortex.Search;
using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>Search over the caller's records over gRPC (search.proto): the same query, checks and ranking as <c>GET /api/v1/search</c>.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class SearchService(IGrainFactory grains) : V1.Search.SearchBase
{
    [GrpcAudited(AuditActions.SearchRead)]
    public override async Task<V1.SearchReply> Find(V1.SearchRequest request, ServerCallContext context)
    {
        var near = request.HasNearLat || request.HasNearLng ? new GeoPoint(request.NearLat, request.NearLng) : null;
        var query = new SearchQuery(
            request.Query, [.. request.Kinds], GrpcArguments.Time(request.From, "from"), GrpcArguments.Time(request.To, "to"), [.. request.Sources],
            near, request.HasRadiusMeters ? request.RadiusMeters : null, request.Limit == 0 ? SearchQueries.DefaultLimit : request.Limit,
            request.After.Length == 0 ? null : request.After, [.. request.Methods]);
        if (SearchQueries.Check(query) is { Any: true } errors)
        {
            throw GrpcArguments.Invalid(errors.ByParameter);
        }

        var http = context.GetHttpContext();
        var page = await grains.GetGrain<ICortexGrain>(http.User.UserIdOf()).SearchAsync(query);
        http.ReportAuditedRecords(page.Results.Count);
        return new V1.SearchReply { Results = { page.Results.Select(ToMessage) }, Next = page.Next ?? "", SemanticModel = page.SemanticModel ?? "" };
    }

    public override async Task<V1.SearchIndexStatus> GetIndexStatus(V1.GetSearchIndexStatusRequest request, ServerCallContext context)
    {
        var status = await grains.GetGrain<ICortexGrain>(context.GetHttpContext().User.UserIdOf()).GetSearchIndexStatusAsync();
        return new V1.SearchIndexStatus
        {
            Model = status.Model, ServingModel = status.ServingModel ?? "", Embeddable = status.Embeddable, Embedded = status.Embedded,
            Running = status.Running, CoveredAt = status.CoveredAt.ToTimestamp(),
        };
    }

    private static V1.SearchResult ToMessage(SearchResult result)
    {
        var message = new V1.SearchResult
        {
            Id = result.Id, Kind = result.Kind, Time = result.Time.ToTimestamp(), Title = result.Title ?? "", Snippet = result.Snippet ?? "",
            Score = result.Score, Matched = { result.Matched }, Url = result.Url ?? "", RemovedAtSource = result.RemovedAtSource.ToMessage(),
        };
        if (result.Position is { } position)
        {
            message.Lat = position.Lat;
            message.Lng = position.Lng;
        }

        return message;
    }
}
