using System.Globalization;
using Datapunk.Cortex.Search;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// <c>GET /api/v1/search</c>: one search over all of the caller's records (full text, fuzzy and
/// semantic, fused), and <c>GET /api/v1/search/index</c>: how far the embedding of them has come.
/// </summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search").Audited(AuditActions.SearchRead);
        search.MapGet("/", SearchAsync).WithName("Search")
            .WithSummary("Searches the caller's records, best first: q= (1-200 characters), kind= (repeated or comma-separated), from=/to= (ISO 8601; to excluded), "
                + "source= (export format id or family, repeated), near=lat,lng with radius= (metres), limit= (1-100, default 20), after= (the cursor of 'next'), "
                + "method= (fulltext, fuzzy, semantic; repeated or comma-separated; default all of them, fused).");
        search.MapGet("/index", StatusAsync).WithName("GetSearchIndexStatus")
            .WithSummary("How many of the caller's records have vectors of the configured embedding model, which model serves semantic search, and whether embedding runs.");
        return api;
    }

    /// <summary>A page of results, best first; snippets mark matched words with ** on both sides.</summary>
    public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, string? Next, string? SemanticModel);

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        HttpContext http, IGrainFactory grains, string? q, string? from, string? to, string? near, string? radius, string? limit, string? after)
    {
        var errors = new QueryErrors();
        var query = new SearchQuery(
            q ?? "",
            ReadingParameters.Kinds(http.Request),
            ReadingParameters.Instant(from, "from", errors),
            ReadingParameters.Instant(to, "to", errors),
            ReadingParameters.Listed(http.Request, "source"),
            Point(near, errors),
            Radius(radius, errors),
            ReadingParameters.Limit(limit, SearchQueries.DefaultLimit, errors),
            after,
            ReadingParameters.Listed(http.Request, "method"));
        if (!errors.Any)
        {
            errors = SearchQueries.Check(query);
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var page = await grains.GetGrain<ICortexGrain>(http.User.UserIdOf()).SearchAsync(query);
        http.ReportAuditedRecords(page.Results.Count);
        return TypedResults.Ok(new SearchResponse(page.Results, ReadingParameters.NextLink(http.Request, page.Next), page.SemanticModel));
    }

    private static async Task<Ok<SearchIndexStatus>> StatusAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICortexGrain>(http.User.UserIdOf()).GetSearchIndexStatusAsync());

    /// <summary><c>lat,lng</c> in degrees.</summary>
    private static GeoPoint? Point(string? text, QueryErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lng))
        {
            return new GeoPoint(lat, lng);
        }

        errors.Add("near", $"'{text}' is not a point: give near=lat,lng in degrees.");
        return null;
    }

    private static double? Radius(string? text, QueryErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var metres))
        {
            return metres;
        }

        errors.Add("radius", $"'{text}' is not a number of metres.");
        return null;
    }
}
