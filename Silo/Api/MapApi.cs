using Datapunk.Users.Audit;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary><c>GET /api/v1/map/points</c> and <c>/map/places</c>: the caller's fixes and visited places in a box and time range.</summary>
public static class MapApi
{
    public static RouteGroupBuilder MapMapApi(this RouteGroupBuilder api)
    {
        var map = api.MapGroup("/map").WithTags("Map").Audited(AuditActions.MapRead);
        map.MapGet("/points", PointsAsync).WithName("GetMapPoints")
            .WithSummary("The caller's location fixes in bbox=minLng,minLat,maxLng,maxLat and from=/to= (ISO 8601; to excluded): all of them in time order "
                + "when at most limit= (1-50000, default 5000), otherwise one point per occupied cell of a grid over the box; 'simplification' says which.");
        map.MapGet("/places", PlacesAsync).WithName("GetMapPlaces")
            .WithSummary("The places the caller's place visits name in bbox= and from=/to=: name, position, visits, total time, first and last visit; "
                + "most visited first, limit= (1-5000, default 500).");
        map.MapGet("/tiles/{z}/{x}/{y}.mvt", TileAsync).WithName("GetMapTile")
            .Produces(StatusCodes.Status200OK, contentType: MapTileResponses.ContentType)
            .WithSummary("A Mapbox Vector Tile of the caller's fixes from=/to= (ISO 8601; to excluded): layer 'fixes', a point per fix with t (epoch seconds), "
                + "acc (metres, when known) and count 1, or in a tile with more than 4,096 fixes a point per occupied cell of a 64 x 64 grid with t of its first fix "
                + "and count of its fixes. 204 when the tile has none.");
        map.MapGet("/extent", ExtentAsync).WithName("GetMapExtent")
            .WithSummary("How many fixes the caller has from=/to=, the box around them (null when none) and the first and last fix's time, so a map can fit them.");
        return api;
    }

    private static async Task<Results<FileContentHttpResult, NoContent, ValidationProblem>> TileAsync(
        HttpContext http, IGrainFactory grains, string z, string x, string y, string? from, string? to, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var query = new MapTileQuery(
            ReadingParameters.WholeNumber(z, "z", errors),
            ReadingParameters.WholeNumber(x, "x", errors),
            ReadingParameters.WholeNumber(y, "y", errors),
            ReadingParameters.Instant(from, "from", errors),
            ReadingParameters.Instant(to, "to", errors));
        if (!errors.Any)
        {
            errors = MapTileQueries.Check(query);
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var tile = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetMapTileAsync(query, cancellationToken);
        http.ReportAuditedRecords(tile.Fixes);
        return MapTileResponses.Of(http, tile);
    }

    private static async Task<Results<Ok<MapExtent>, ValidationProblem>> ExtentAsync(
        HttpContext http, IGrainFactory grains, string? from, string? to, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var range = new TimeRange(ReadingParameters.Instant(from, "from", errors), ReadingParameters.Instant(to, "to", errors));
        ReadingLimits.CheckRange(errors, range.From, range.To);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var extent = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetMapExtentAsync(range, cancellationToken);
        http.ReportAuditedRecords(extent.Fixes);
        return TypedResults.Ok(extent);
    }

    private static async Task<Results<Ok<MapPoints>, ValidationProblem>> PointsAsync(
        HttpContext http, IGrainFactory grains, string? bbox, string? from, string? to, string? limit, CancellationToken cancellationToken)
    {
        var (query, errors) = Parse(bbox, from, to, limit, ReadingLimits.DefaultMapPoints, ReadingLimits.MaxMapPoints);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var points = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetMapPointsAsync(query, cancellationToken);
        http.ReportAuditedRecords(points.Points.Count);
        return TypedResults.Ok(points);
    }

    private static async Task<Results<Ok<MapPlaces>, ValidationProblem>> PlacesAsync(
        HttpContext http, IGrainFactory grains, string? bbox, string? from, string? to, string? limit, CancellationToken cancellationToken)
    {
        var (query, errors) = Parse(bbox, from, to, limit, ReadingLimits.DefaultPlaces, ReadingLimits.MaxPlaces);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var places = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetMapPlacesAsync(query, cancellationToken);
        http.ReportAuditedRecords(places.Places.Count);
        return TypedResults.Ok(places);
    }

    private static (MapQuery Query, QueryErrors Errors) Parse(string? bbox, string? from, string? to, string? limit, int defaultLimit, int maxLimit)
    {
        var errors = new QueryErrors();
        var query = new MapQuery(
            ReadingParameters.Box(bbox, errors),
            ReadingParameters.Instant(from, "from", errors),
            ReadingParameters.Instant(to, "to", errors),
            ReadingParameters.Limit(limit, defaultLimit, errors));
        return (query, errors.Any ? errors : MapQueries.Check(query, maxLimit));
    }
}
