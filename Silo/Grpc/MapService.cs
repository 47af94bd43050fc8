using Datapunk.Lake.Reading;
using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's fixes and visited places over gRPC (map.proto), through the same readers, checks and
/// server-side simplification as <c>GET /api/v1/map/points</c> and <c>/map/places</c>.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class MapService(IGrainFactory grains) : V1.Map.MapBase
{
    private static readonly Dictionary<string, string> FieldNames = new() { ["bbox"] = "box" };

    [GrpcAudited(AuditActions.MapRead)]
    public override async Task<V1.MapPoints> GetPoints(V1.MapRequest request, ServerCallContext context)
    {
        var points = await grains.CallerUser(context).GetMapPointsAsync(
            Query(request, ReadingLimits.DefaultMapPoints, ReadingLimits.MaxMapPoints), context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(points.Points.Count);
        return points.ToMessage();
    }

    [GrpcAudited(AuditActions.MapRead)]
    public override async Task<V1.MapPlaces> GetPlaces(V1.MapRequest request, ServerCallContext context)
    {
        var places = await grains.CallerUser(context).GetMapPlacesAsync(
            Query(request, ReadingLimits.DefaultPlaces, ReadingLimits.MaxPlaces), context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(places.Places.Count);
        return places.ToMessage();
    }

    private static MapQuery Query(V1.MapRequest request, int defaultLimit, int maxLimit)
    {
        if (request.Box is not { } box)
        {
            throw GrpcArguments.Invalid("box", "A box is required: min_lng, min_lat, max_lng, max_lat in degrees.");
        }

        var query = new MapQuery(
            new BoundingBox(box.MinLng, box.MinLat, box.MaxLng, box.MaxLat),
            GrpcArguments.Time(request.From, "from"),
            GrpcArguments.Time(request.To, "to"),
            GrpcArguments.OrDefault(request.Limit, defaultLimit));
        return GrpcArguments.Valid(query, MapQueries.Check(query, maxLimit), FieldNames);
    }
}
