using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace Datapunk.Silo.Api;

/// <summary>
/// The caller's imports at <c>/api/v1/imports</c>: start one over the caller's finished uploads (or
/// over paths inside the server-side folders the operator allowed), list, follow (also as
/// server-sent events), read the per-file report, cancel. Every call goes through the caller's own
/// user grain, for which another user's import does not exist (404).
/// </summary>
public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("", StartAsync).WithName("StartImport").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ImportsStart)
            .WithSummary("Starts an import of your finished uploads ({\"uploads\": [ids], \"keepOriginals\": false}) or of paths inside the server-side import folders ({\"paths\": [...]}).");
        imports.MapGet("", ListAsync).WithName("ListImports").WithSummary("Your imports, newest first, with status and counts.");
        imports.MapGet("/{importId:guid}", GetAsync).WithName("GetImport")
            .WithSummary("An import's state, files, bytes, records by kind, records matched by rule and rejected by reason, rate, ETA and errors.");
        imports.MapGet("/{importId:guid}/files", GetFilesAsync).WithName("GetImportFiles")
            .WithSummary("The import report per file: every entry with its outcome and reason, its records read, stored, matched and rejected; filter with ?status=, page with ?offset=.");
        imports.MapGet("/{importId:guid}/events", FollowAsync).WithName("FollowImport")
            .WithSummary("The import's progress as server-sent events (text/event-stream): one 'progress' event per change, pushed from the silo that runs the import, ending when the import ends.");
        imports.MapPost("/{importId:guid}/cancel", CancelAsync).WithName("CancelImport").RequireAuthorization(AuthPolicies.Write)
            .WithSummary("Cancels a running import; records stored so far stay.");
        imports.MapDelete("/{importId:guid}", DeleteAsync).WithName("DeleteImport").RequireAuthorization(AuthPolicies.Write).Audited(AuditActions.ImportsDelete)
            .WithSummary("Deletes an import (with ?file=ID one source file of it) and the records, fixes and embeddings stored from it; ?dryRun=true says what would go "
                + "and what stays, changing nothing. Other files holding the same records are read again from their kept originals; when one has none, 409 unless ?acceptLoss=true.");
        return api;
    }

    private static async Task<Results<Accepted<ImportProgress>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> StartAsync(
        NewImport body, HttpContext http, IGrainFactory grains)
    {
        if (ImportStarts.InputsProblem(body) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["uploads"] = [problem] });
        }

        try
        {
            var progress = await ImportStarts.StartAsync(body, http.User, grains);
            return TypedResults.Accepted($"{ApiV1.Prefix}/imports/{progress.ImportId}", progress);
        }
        catch (ImportInputRefusedException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ImportStarts.ByUploads(body) ? "uploads" : "paths"] = [exception.Message] });
        }
        catch (UploadNotFoundException exception)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "No such upload", Detail = exception.Message, Status = StatusCodes.Status404NotFound });
        }
        catch (ImportAlreadyRunningException exception)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "An import is running", Detail = exception.Message, Status = StatusCodes.Status409Conflict });
        }
    }

    private static async Task<Ok<IReadOnlyList<ImportProgress>>> ListAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await (await ImportStarts.ExistingUserAsync(grains, http.User)).ListImportsAsync());

    private static async Task<Results<Ok<ImportProgress>, NotFound<ProblemDetails>>> GetAsync(Guid importId, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).GetImportAsync(importId) is { } progress ? TypedResults.Ok(progress) : TypedResults.NotFound(NoSuchImport(importId));

    private static async Task<Results<Ok<IReadOnlyList<ImportFileReport>>, NotFound<ProblemDetails>>> GetFilesAsync(
        Guid importId, string? status, int? offset, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).GetImportFilesAsync(importId, status, offset ?? 0) is { } files
            ? TypedResults.Ok(files)
            : TypedResults.NotFound(NoSuchImport(importId));

    private static async Task<Results<Ok<ImportProgress>, NotFound<ProblemDetails>>> CancelAsync(Guid importId, HttpContext http, IGrainFactory grains) =>
        await UserOf(http, grains).CancelImportAsync(importId) is { } progress ? TypedResults.Ok(progress) : TypedResults.NotFound(NoSuchImport(importId));

    private static async Task<Results<Ok<ImportDeletion>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> DeleteAsync(
        Guid importId, long? file, bool? dryRun, bool? acceptLoss, HttpContext http, IGrainFactory grains)
    {
        try
        {
            if (await UserOf(http, grains).DeleteImportAsync(importId, file, dryRun ?? false, acceptLoss ?? false) is not { } deletion)
            {
                return TypedResults.NotFound(file is { } fileId
                    ? new ProblemDetails { Title = "No such file", Detail = $"Your import {importId} has no file {fileId}.", Status = StatusCodes.Status404NotFound }
                    : NoSuchImport(importId));
            }

            if (deletion.Deleted)
            {
                http.ReportAuditedRecords(deletion.TotalRecords);
            }

            return TypedResults.Ok(deletion);
        }
        catch (Exception exception) when (exception is ImportDeletionRefusedException or ImportAlreadyRunningException)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "Not deleted", Detail = exception.Message, Status = StatusCodes.Status409Conflict });
        }
    }

    private static async Task<Results<ServerSentEventsResult<ImportProgress>, NotFound<ProblemDetails>>> FollowAsync(
        Guid importId, HttpContext http, IGrainFactory grains, IConnectionMultiplexer redis, IConfiguration configuration)
    {
        var user = UserOf(http, grains);
        if (await user.GetImportAsync(importId) is null)
        {
            return TypedResults.NotFound(NoSuchImport(importId));
        }

        var follower = new ImportFollower(user, importId, http.User.UserIdOf(), http.User.RoleOf(), redis, ImportFollower.SlowPollOf(configuration));
        return TypedResults.ServerSentEvents(follower.ChangesAsync(http.RequestAborted), "progress");
    }

    private static IUserGrain UserOf(HttpContext http, IGrainFactory grains) => grains.GetGrain<IUserGrain>(http.User.UserIdOf());

    private static ProblemDetails NoSuchImport(Guid importId) =>
        new() { Title = "No such import", Detail = $"You have no import {importId}.", Status = StatusCodes.Status404NotFound };
}
