using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// The caller's catalog at <c>/api/v1/catalog</c> (docs/catalog.md): the datasets held with zone, rows, span, quality
/// and PII; one dataset in full; lineage of a record or a source file; and a refresh on demand. Every read is audited
/// with the number of datasets or lineage nodes it returned.
/// </summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalog");
        catalog.MapGet("", ListAsync).Audited(AuditActions.CatalogRead).WithName("ListCatalog")
            .WithSummary("Your datasets (one per import format and kind, live source, uploaded table and derived set) with zone, rows, span, sources, quality scores and PII found.");
        catalog.MapGet("/lineage", LineageAsync).Audited(AuditActions.CatalogRead).WithName("GetLineage")
            .WithSummary("Lineage as nodes and edges: ?record=kind:identity (where it came from, what was derived from it) or ?file=ID (what depends on that source file).");
        catalog.MapPost("/refresh", RefreshAsync).Audited(AuditActions.CatalogRefresh).RequireAuthorization(AuthPolicies.Write).WithName("RefreshCatalog")
            .WithSummary("Refreshes your catalog now, in the background; GET /api/v1/catalog says when it is done (refreshPending).");
        catalog.MapGet("/{dataset}", GetAsync).Audited(AuditActions.CatalogRead).WithName("GetCatalogDataset")
            .WithSummary("One dataset: schema with examples, schema versions and drift, quality per dimension with failing rows, PII per field, quality trend and source files.");
        return api;
    }

    private static async Task<Ok<CatalogOverview>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var catalog = await Catalog(http, grains).GetCatalogAsync();
        http.ReportAuditedRecords(catalog.Datasets.Count);
        return TypedResults.Ok(catalog);
    }

    private static async Task<Results<Ok<CatalogDatasetDetail>, NotFound<ProblemDetails>>> GetAsync(string dataset, HttpContext http, IGrainFactory grains)
    {
        if (await Catalog(http, grains).GetDatasetAsync(dataset) is not { } detail)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Title = "No such dataset", Detail = $"Your catalog has no dataset '{dataset}' (GET /api/v1/catalog lists them).", Status = StatusCodes.Status404NotFound,
            });
        }

        http.ReportAuditedRecords(1);
        return TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<LineageGraph>, NotFound<ProblemDetails>, ValidationProblem>> LineageAsync(
        [FromQuery] string? record, [FromQuery] long? file, HttpContext http, IGrainFactory grains)
    {
        if ((record is null) == (file is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["record"] = ["Give either record=kind:identity or file=ID."] });
        }

        LineageGraph? graph;
        try
        {
            graph = record is not null ? await Catalog(http, grains).GetRecordLineageAsync(record) : await Catalog(http, grains).GetFileLineageAsync(file!.Value);
        }
        catch (ArgumentException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["record"] = [exception.Message] });
        }

        if (graph is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Title = "Not found", Detail = record is not null ? $"You have no record '{record}'." : $"You have no source file {file}.", Status = StatusCodes.Status404NotFound,
            });
        }

        http.ReportAuditedRecords(graph.Nodes.Count);
        return TypedResults.Ok(graph);
    }

    private static async Task<Accepted> RefreshAsync(HttpContext http, IGrainFactory grains)
    {
        await Catalog(http, grains).RequestRefreshAsync("on demand");
        return TypedResults.Accepted("/api/v1/catalog");
    }

    private static ICatalogGrain Catalog(HttpContext http, IGrainFactory grains) => grains.GetGrain<ICatalogGrain>(http.User.UserIdOf());
}
