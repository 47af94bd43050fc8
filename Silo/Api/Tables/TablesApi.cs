using Datapunk.Lake.Tables;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api.Tables;

/// <summary>
/// <c>/api/v1/tables</c>: the caller's own tables (docs/catalog.md, "Uploaded tables"). A CSV, JSON, JSON Lines,
/// Parquet or Excel file is sent as the request body (or named by a finished upload), previewed with its
/// inferred columns, stored under a name, listed, read a page at a time and deleted; every call is audited and
/// sees only the caller's tables.
/// </summary>
public static class TablesApi
{
    private const int DefaultPageRows = 100;

    public static RouteGroupBuilder MapTablesApi(this RouteGroupBuilder api)
    {
        var tables = api.MapGroup("/tables").WithTags("Tables");
        tables.MapPost("/preview", PreviewAsync).WithName("PreviewTable").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.TablesRead)
            .WithSummary("Reads the file in the body (format=, fileName=, sheet=, uploadId=) and returns the inferred columns, corrected by type=column:type, "
                + "rename=column:name and skip=column, the first rows, and the delimiter and encoding detected; stores nothing.");
        tables.MapPost("", StoreAsync).WithName("StoreTable").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.TablesChange)
            .WithSummary("Stores the file in the body as the table name= (a lower-case SQL identifier) with the preview's parameters; replace=true overwrites "
                + "a table of that name, which is otherwise a 409. A value that does not fit its column fails the whole upload (422, naming its row and column).");
        tables.MapGet("", ListAsync).WithName("ListTables").Audited(AuditActions.TablesRead).WithSummary("The caller's tables with their columns and sizes.");
        tables.MapGet("/{name}", ShowAsync).WithName("GetTable").Audited(AuditActions.TablesRead)
            .WithSummary("A table's description and its rows from offset= (0-based, default 0), limit= rows (1-1000, default 100) at a time.");
        tables.MapDelete("/{name}", DeleteAsync).WithName("DeleteTable").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.TablesChange)
            .WithSummary("Deletes the table and its rows.");
        return api;
    }

    private static async Task<Results<Ok<TablePreview>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        HttpContext http, UserTablePreviews previews, UserTablesOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (TableUploadQuery.Parse(http.Request, options, errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await TableProblems.CatchAsync<Ok<TablePreview>>(async () =>
        {
            var preview = await TableUploadSource.WithFileAsync(http, query,
                path => previews.PreviewAsync(path, query.Format, query.Read, query.Changes, http.RequestAborted));
            http.ReportAuditedRecords(preview.Rows.Count);
            return TypedResults.Ok(preview);
        });
    }

    private static async Task<Results<Created<UserTable>, ValidationProblem, ProblemHttpResult>> StoreAsync(
        HttpContext http, UserTableWriter writer, UserTablesOptions options, IGrainFactory grains, ILogger<UserTableWriter> logger, string? name, bool? replace)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ColumnNames.IsValid(name))
        {
            errors["name"] = [$"Name the table (name=): {ColumnNames.Rule}."];
        }

        if (TableUploadQuery.Parse(http.Request, options, errors) is not { } query || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await TableProblems.CatchAsync<Created<UserTable>>(async () =>
        {
            var table = await TableUploadSource.WithFileAsync(http, query, path => writer.StoreAsync(
                http.User.UserIdOf(), name!, path, query.FileName, query.Format, query.Read, query.Changes, replace ?? false, http.RequestAborted));
            http.ReportAuditedRecords(table.RowCount);
            await TableCatalogRefresh.RequestAsync(grains, http.User.UserIdOf(), logger);
            return TypedResults.Created($"{ApiV1.Prefix}/tables/{table.Name}", table);
        });
    }

    private static async Task<Ok<IReadOnlyList<UserTable>>> ListAsync(HttpContext http, UserTableCatalog catalog)
    {
        var tables = await catalog.ListAsync(http.User.UserIdOf(), http.RequestAborted);
        http.ReportAuditedRecords(tables.Count);
        return TypedResults.Ok(tables);
    }

    private static async Task<Results<Ok<UserTableRows>, ValidationProblem, NotFound>> ShowAsync(
        string name, HttpContext http, UserTableCatalog catalog, long? offset, int? limit)
    {
        if (offset < 0 || limit is < 1 or > UserTableCatalog.MaxPageRows)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [offset < 0 ? "offset" : "limit"] = [$"offset= is 0 or more, limit= 1 to {UserTableCatalog.MaxPageRows}."],
            });
        }

        var page = await catalog.GetAsync(http.User.UserIdOf(), name, offset ?? 0, limit ?? DefaultPageRows, http.RequestAborted);
        if (page is null)
        {
            return TypedResults.NotFound();
        }

        http.ReportAuditedRecords(page.Rows.Count);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        string name, HttpContext http, UserTableCatalog catalog, IGrainFactory grains, ILogger<UserTableCatalog> logger)
    {
        if (await catalog.DeleteAsync(http.User.UserIdOf(), name, http.RequestAborted) is not { } rows)
        {
            return TypedResults.NotFound();
        }

        http.ReportAuditedRecords(rows);
        await TableCatalogRefresh.RequestAsync(grains, http.User.UserIdOf(), logger);
        return TypedResults.NoContent();
    }
}
