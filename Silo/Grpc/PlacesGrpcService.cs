using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>The caller's places and routines over gRPC (places.proto), through the same model grain and checks as <c>/api/v1/places</c>.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class PlacesGrpcService(IGrainFactory grains) : V1.Places.PlacesBase
{
    [GrpcAudited(AuditActions.PlacesRead)]
    public override async Task<V1.PlaceList> ListPlaces(V1.ListPlacesRequest request, ServerCallContext context)
    {
        var places = await Places(context).ListPlacesAsync(context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(places.Places.Count);
        return places.ToMessage();
    }

    [GrpcAudited(AuditActions.PlacesRead)]
    public override async Task<V1.SignificantPlace> GetPlace(V1.PlaceRequest request, ServerCallContext context) =>
        Found(context, request.PlaceId, await Places(context).GetPlaceAsync(GrpcArguments.Id(request.PlaceId, "place_id"), context.CancellationToken));

    [GrpcAudited(AuditActions.PlacesChange), Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.SignificantPlace> RenamePlace(V1.RenamePlaceRequest request, ServerCallContext context)
    {
        var placeId = GrpcArguments.Id(request.PlaceId, "place_id");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            throw GrpcArguments.Invalid("name", "Give the place a name of 1 to 200 characters.");
        }

        return Found(context, request.PlaceId, await Places(context).RenamePlaceAsync(placeId, request.Name.Trim()));
    }

    [GrpcAudited(AuditActions.PlacesChange), Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.SignificantPlace> MergePlaces(V1.MergePlacesRequest request, ServerCallContext context) =>
        Found(context, request.PlaceId, await Places(context).MergePlacesAsync(
            GrpcArguments.Id(request.PlaceId, "place_id"), GrpcArguments.Id(request.OtherPlaceId, "other_place_id")));

    [GrpcAudited(AuditActions.PlacesChange), Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.PlaceList> SplitPlace(V1.SplitPlaceRequest request, ServerCallContext context)
    {
        var placeId = GrpcArguments.Id(request.PlaceId, "place_id");
        var split = new PlaceSplit(GrpcArguments.Time(request.At, "at"), request.HasRadiusMetres ? request.RadiusMetres : null);
        if (Datapunk.Forge.Places.PlacesService.SplitProblem(split) is { } problem)
        {
            throw GrpcArguments.Invalid("at", problem);
        }

        var parts = await Places(context).SplitPlaceAsync(placeId, split) ?? throw NoSuchPlace(request.PlaceId);
        context.GetHttpContext().ReportAuditedRecords(parts.Count);
        return new PlaceList(null, parts).ToMessage();
    }

    [GrpcAudited(AuditActions.PlacesRead)]
    public override async Task<V1.Routines> GetRoutines(V1.GetRoutinesRequest request, ServerCallContext context)
    {
        var routines = await grains.GetGrain<IRoutinesModel>(ModelKeys.Of(Caller(context), ModelKinds.Routines)).GetRoutinesAsync(context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(routines.Routines.Count);
        return routines.ToMessage();
    }

    private IPlacesModel Places(ServerCallContext context) => grains.GetGrain<IPlacesModel>(ModelKeys.Of(Caller(context), ModelKinds.Places));

    private static string Caller(ServerCallContext context) => context.GetHttpContext().User.UserIdOf();

    private static V1.SignificantPlace Found(ServerCallContext context, string placeId, SignificantPlace? place)
    {
        if (place is null)
        {
            throw NoSuchPlace(placeId);
        }

        context.GetHttpContext().ReportAuditedRecords(1);
        return place.ToMessage();
    }

    private static RpcException NoSuchPlace(string placeId) =>
        new(new Status(StatusCode.NotFound, $"Your places (the served version of your places model) have no place {placeId}."));
}
