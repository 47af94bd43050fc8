using System.Text.Json;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// <c>/api/v1/sql</c>: the SQL workbench (docs/catalog.md, "SQL workbench"): read-only SQL over the caller's own views,
/// its plan, the caller's history and saved queries. Results are masked unless the owner asks otherwise (audited apart).
/// </summary>
public static class SqlApi
{
    public static RouteGroupBuilder MapSqlApi(this RouteGroupBuilder api)
    {
        var sql = api.MapGroup("/sql").WithTags("SQL workbench");
        sql.MapPost("/", RunAsync).Audited(AuditActions.SqlRead).WithName("RunSql")
            .WithSummary("Runs one read-only query over the caller's views (records, fixes, places, files, imports, a view per kind, the uploaded tables): "
                + "{\"sql\", \"limit\" (1-10000, default 1000), \"unmasked\" (default false)} -> columns, rows, truncated, elapsedMs, cached. "
                + "A failed query answers 400 with PostgreSQL's message, its SQLSTATE and its position in the SQL.");
        sql.MapPost("/from-question", WriteAsync).Audited(AuditActions.Ask).WithName("WriteSqlFromQuestion")
            .WithSummary("Has the configured language model write one query over the caller's views for {\"question\"}, to show before running it: "
                + "{sql, explanation}; 422 with the reason when it wrote none or no model server is configured. Nothing is run.");
        sql.MapPost("/explain", ExplainAsync).Audited(AuditActions.SqlRead).WithName("ExplainSql")
            .WithSummary("PostgreSQL's plan of the query (EXPLAIN (FORMAT JSON), not run), under the same limits.");
        sql.MapGet("/history", HistoryAsync).Audited(AuditActions.SqlRead).WithName("GetSqlHistory")
            .WithSummary("The queries the caller ran, newest first: limit= (1-200, default 50).");
        sql.MapGet("/saved", SavedAsync).Audited(AuditActions.SqlRead).WithName("ListSavedSql").WithSummary("The caller's saved queries by name.");
        sql.MapPost("/saved", SaveAsync).Audited(AuditActions.SqlSavedChange).RequireAuthorization(AuthPolicies.Write).WithName("SaveSql")
            .WithSummary("Saves {\"name\", \"sql\"}, replacing the caller's saved query of that name.");
        sql.MapDelete("/saved/{id:long}", DeleteAsync).Audited(AuditActions.SqlSavedChange).RequireAuthorization(AuthPolicies.Write).WithName("DeleteSavedSql")
            .WithSummary("Deletes one of the caller's saved queries.");
        return api;
    }

    /// <summary>A query: <paramref name="Limit"/> rows at most, masked unless <paramref name="Unmasked"/>.</summary>
    public sealed record SqlRequest(string? Sql, int? Limit, bool Unmasked);

    /// <summary>A result: <paramref name="Rows"/> is an array per row of JSON values in the columns' order.</summary>
    public sealed record SqlResponse(IReadOnlyList<WorkbenchColumn> Columns, JsonElement Rows, bool Truncated, long ElapsedMs, bool Cached);

    public sealed record SqlPlanResponse(JsonElement Plan);

    public sealed record SqlQuestion(string? Question);

    public sealed record WrittenSqlResponse(string Sql, string? Explanation);

    public sealed record SaveSqlRequest(string? Name, string? Sql);

    private static async Task<Results<Ok<SqlResponse>, ProblemHttpResult>> RunAsync(HttpContext http, IGrainFactory grains, SqlRequest request)
    {
        var query = new WorkbenchQuery(request.Sql ?? "", request.Limit, request.Unmasked);
        var result = await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).RunAsync(query);
        if (request.Unmasked)
        {
            await AuditedEndpoints.AppendAsync(http, AuditActions.SqlUnmasked, result.RowCount, result.Error is null ? "200" : "400");
        }

        if (result.Error is { } error)
        {
            return Problem(error);
        }

        http.ReportAuditedRecords(result.RowCount);
        using var rows = JsonDocument.Parse(result.RowsJson);
        return TypedResults.Ok(new SqlResponse(result.Columns, rows.RootElement.Clone(), result.Truncated, result.ElapsedMs, result.Cached));
    }

    private static async Task<Results<Ok<WrittenSqlResponse>, ProblemHttpResult, ValidationProblem>> WriteAsync(
        HttpContext http, IGrainFactory grains, SqlQuestion request)
    {
        if (SqlRequests.QuestionErrors(request.Question) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var written = await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).WriteQueryAsync(request.Question!);
        return written.Sql is { } sql
            ? TypedResults.Ok(new WrittenSqlResponse(sql, written.Explanation))
            : TypedResults.Problem(written.Refusal, statusCode: StatusCodes.Status422UnprocessableEntity, title: "No query was written");
    }

    private static async Task<Results<Ok<SqlPlanResponse>, ProblemHttpResult>> ExplainAsync(HttpContext http, IGrainFactory grains, SqlRequest request)
    {
        var plan = await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).ExplainAsync(new WorkbenchQuery(request.Sql ?? "", request.Limit, false));
        if (plan.Error is { } error)
        {
            return Problem(error);
        }

        using var document = JsonDocument.Parse(plan.PlanJson!);
        return TypedResults.Ok(new SqlPlanResponse(document.RootElement.Clone()));
    }

    private static async Task<Results<Ok<IReadOnlyList<SqlHistoryEntry>>, ValidationProblem>> HistoryAsync(HttpContext http, IGrainFactory grains, string? limit)
    {
        var errors = new QueryErrors();
        var size = ReadingParameters.Limit(limit, SqlRequests.DefaultHistory, errors);
        var invalid = errors.Any ? errors.ByParameter : SqlRequests.HistoryErrors(size);
        if (invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(invalid);
        }

        var entries = await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).GetHistoryAsync(size);
        http.ReportAuditedRecords(entries.Count);
        return TypedResults.Ok(entries);
    }

    private static async Task<Ok<IReadOnlyList<SavedSqlQuery>>> SavedAsync(HttpContext http, IGrainFactory grains)
    {
        var saved = await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).GetSavedAsync();
        http.ReportAuditedRecords(saved.Count);
        return TypedResults.Ok(saved);
    }

    private static async Task<Results<Ok<SavedSqlQuery>, ValidationProblem>> SaveAsync(HttpContext http, IGrainFactory grains, SaveSqlRequest request)
    {
        var name = request.Name?.Trim() ?? "";
        var sql = request.Sql?.Trim() ?? "";
        var errors = SqlRequests.SaveErrors(name, sql);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var saved = await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).SaveAsync(name, sql);
        http.ReportAuditedRecords(1);
        return TypedResults.Ok(saved);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(HttpContext http, IGrainFactory grains, long id)
    {
        if (!await grains.GetGrain<IWorkbenchGrain>(http.User.UserIdOf()).DeleteSavedAsync(id))
        {
            return TypedResults.NotFound();
        }

        http.ReportAuditedRecords(1);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Problem(WorkbenchError error) => TypedResults.Problem(
        detail: error.Message,
        statusCode: error.SqlState == WorkbenchErrorStates.NotConfigured ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest,
        title: error.SqlState == WorkbenchErrorStates.NotConfigured ? "The SQL workbench is not configured" : "The query failed",
        extensions: new Dictionary<string, object?> { ["sqlState"] = error.SqlState, ["position"] = error.Position, ["hint"] = error.Hint });
}
