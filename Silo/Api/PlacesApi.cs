using Datapunk.Forge.Places;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// The caller's significant places at <c>/api/v1/places</c> (list, get, rename, merge, split) and home,
/// work and routines at <c>/api/v1/routines</c>, as the served versions of their models have them
/// (docs/forge.md). Edits are kept apart and applied again to every later version.
/// </summary>
public static class PlacesApi
{
    /// <summary>A new name for a place.</summary>
    public sealed record RenamePlace(string? Name);

    /// <summary>The place to merge into the one named in the route.</summary>
    public sealed record MergePlaces(Guid OtherPlaceId);

    public static RouteGroupBuilder MapPlacesApi(this RouteGroupBuilder api)
    {
        var places = api.MapGroup("/places").WithTags("Places");
        places.MapGet("", ListAsync).Audited(AuditActions.PlacesRead).WithName("ListPlaces")
            .WithSummary("Your significant places (stays clustered from your fixes and visits), most dwell first, with visits, dwell, first and last visit.");
        places.MapGet("/{placeId:guid}", GetAsync).Audited(AuditActions.PlacesRead).WithName("GetPlace").WithSummary("One of your places.");
        places.MapPost("/{placeId:guid}/rename", RenameAsync).Audited(AuditActions.PlacesChange).RequireAuthorization(AuthPolicies.Write).WithName("RenamePlace")
            .WithSummary("Names a place ({\"name\": \"…\"}); the name stays through retraining.");
        places.MapPost("/{placeId:guid}/merge", MergeAsync).Audited(AuditActions.PlacesChange).RequireAuthorization(AuthPolicies.Write).WithName("MergePlaces")
            .WithSummary("Makes another place ({\"otherPlaceId\": …}) part of this one.");
        places.MapPost("/{placeId:guid}/split", SplitAsync).Audited(AuditActions.PlacesChange).RequireAuthorization(AuthPolicies.Write).WithName("SplitPlace")
            .WithSummary("Splits a place by time ({\"at\": \"2023-02-01T00:00:00Z\"}: stays from then on become a new place) or by distance ({\"radiusMetres\": 50}).");
        api.MapGet("/routines", RoutinesAsync).WithTags("Places").Audited(AuditActions.PlacesRead).WithName("GetRoutines")
            .WithSummary("Home and work with their confidence and evidence, and your weekly routines, in your time zone.");
        return api;
    }

    private static async Task<Ok<PlaceList>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var places = await Places(http, grains).ListPlacesAsync(cancellationToken);
        http.ReportAuditedRecords(places.Places.Count);
        return TypedResults.Ok(places);
    }

    private static async Task<Results<Ok<SignificantPlace>, NotFound<ProblemDetails>>> GetAsync(
        Guid placeId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        Found(http, placeId, await Places(http, grains).GetPlaceAsync(placeId, cancellationToken));

    private static async Task<Results<Ok<SignificantPlace>, NotFound<ProblemDetails>, ValidationProblem>> RenameAsync(
        Guid placeId, RenamePlace body, HttpContext http, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Give the place a name of 1 to 200 characters."] });
        }

        if (await Places(http, grains).RenamePlaceAsync(placeId, body.Name.Trim()) is not { } place)
        {
            return TypedResults.NotFound(NoSuchPlace(placeId));
        }

        http.ReportAuditedRecords(1);
        return TypedResults.Ok(place);
    }

    private static async Task<Results<Ok<SignificantPlace>, NotFound<ProblemDetails>>> MergeAsync(
        Guid placeId, MergePlaces body, HttpContext http, IGrainFactory grains) =>
        Found(http, placeId, await Places(http, grains).MergePlacesAsync(placeId, body.OtherPlaceId));

    private static async Task<Results<Ok<IReadOnlyList<SignificantPlace>>, NotFound<ProblemDetails>, ValidationProblem>> SplitAsync(
        Guid placeId, PlaceSplit body, HttpContext http, IGrainFactory grains)
    {
        if (PlacesService.SplitProblem(body) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [problem] });
        }

        if (await Places(http, grains).SplitPlaceAsync(placeId, body) is not { } parts)
        {
            return TypedResults.NotFound(NoSuchPlace(placeId));
        }

        http.ReportAuditedRecords(parts.Count);
        return TypedResults.Ok(parts);
    }

    private static async Task<Ok<RoutinesView>> RoutinesAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var routines = await grains.GetGrain<IRoutinesModel>(ModelKeys.Of(http.User.UserIdOf(), ModelKinds.Routines)).GetRoutinesAsync(cancellationToken);
        http.ReportAuditedRecords((routines.Home is null ? 0 : 1) + (routines.Work is null ? 0 : 1) + routines.Routines.Count);
        return TypedResults.Ok(routines);
    }

    private static IPlacesModel Places(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IPlacesModel>(ModelKeys.Of(http.User.UserIdOf(), ModelKinds.Places));

    private static Results<Ok<SignificantPlace>, NotFound<ProblemDetails>> Found(HttpContext http, Guid placeId, SignificantPlace? place)
    {
        if (place is null)
        {
            return TypedResults.NotFound(NoSuchPlace(placeId));
        }

        http.ReportAuditedRecords(1);
        return TypedResults.Ok(place);
    }

    private static ProblemDetails NoSuchPlace(Guid placeId) =>
        new() { Title = "No such place", Detail = $"Your places (the served version of your places model) have no place {placeId}.", Status = StatusCodes.Status404NotFound };
}
