using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// Imports of personal data exports: start one over local paths the silo can read, follow it,
/// list a user's imports, cancel one. (Uploads will arrive through the same job grain.)
/// </summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var userImports = app.MapGroup("/api/users/{userName}/imports").WithTags("Imports");
        userImports.MapPost("/", StartAsync).WithName("StartImport")
            .WithSummary("Starts an import of archives, folders or export files at paths on the silo's machine; creates the user if needed.");
        userImports.MapGet("/", ListAsync).WithName("ListImports").WithSummary("Lists a user's imports, newest first, with status and counts.");

        var imports = app.MapGroup("/api/imports").WithTags("Imports");
        imports.MapGet("/{importId:guid}", GetAsync).WithName("GetImport")
            .WithSummary("An import's state, files, bytes, records by kind, records matched by rule and rejected by reason, rate, ETA and errors.");
        imports.MapGet("/{importId:guid}/files", GetFilesAsync).WithName("GetImportFiles")
            .WithSummary("The import report per file: every entry with its outcome and reason (skipped files with their path), its records read, stored, matched by rule and rejected by reason with examples; filter with ?status=, page with ?offset=.");
        imports.MapPost("/{importId:guid}/cancel", CancelAsync).WithName("CancelImport")
            .WithSummary("Cancels a running import; records stored so far stay.");
        return app;
    }

    private static async Task<Results<Accepted<ImportProgress>, ValidationProblem, Conflict<ProblemDetails>>> StartAsync(
        string userName, NewImport body, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!UserNames.IsValid(userName))
        {
            errors["userName"] = [$"'{userName}' is not a valid user name: {UserNames.Rule}."];
        }

        try
        {
            ImportRequests.ValidatePaths(body.Paths);
        }
        catch (ArgumentException exception)
        {
            errors["paths"] = [exception.Message];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = grains.GetGrain<IUserGrain>(userName);
        if (await user.GetProfileAsync() is null)
        {
            try
            {
                await user.CreateAsync(new CreateUser(userName, null));
            }
            catch (UserAlreadyExistsException)
            {
                // Created by a concurrent request in between: just as good.
            }
        }

        Guid importId;
        try
        {
            importId = await user.StartImportAsync(body.Paths!);
        }
        catch (ImportAlreadyRunningException exception)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "An import is running", Detail = exception.Message, Status = StatusCodes.Status409Conflict });
        }

        var progress = await grains.GetGrain<IImportJobGrain>(importId).GetStatusAsync();
        return TypedResults.Accepted($"/api/imports/{importId}", progress);
    }

    private static async Task<Results<Ok<IReadOnlyList<ImportProgress>>, NotFound<ProblemDetails>, ValidationProblem>> ListAsync(
        string userName, IGrainFactory grains)
    {
        if (!UserNames.IsValid(userName))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = [$"'{userName}' is not a valid user name: {UserNames.Rule}."] });
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<IUserGrain>(userName).ListImportsAsync());
        }
        catch (UserNotFoundException exception)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "No such user", Detail = exception.Message, Status = StatusCodes.Status404NotFound });
        }
    }

    private static async Task<Results<Ok<ImportProgress>, NotFound<ProblemDetails>>> GetAsync(Guid importId, IGrainFactory grains) =>
        await grains.GetGrain<IImportJobGrain>(importId).GetStatusAsync() is { } progress
            ? TypedResults.Ok(progress)
            : TypedResults.NotFound(NoSuchImport(importId));

    private static async Task<Results<Ok<IReadOnlyList<ImportFileReport>>, NotFound<ProblemDetails>>> GetFilesAsync(
        Guid importId, string? status, int? offset, IGrainFactory grains)
    {
        var job = grains.GetGrain<IImportJobGrain>(importId);
        return await job.GetStatusAsync() is null
            ? TypedResults.NotFound(NoSuchImport(importId))
            : TypedResults.Ok(await job.GetFilesAsync(status, offset ?? 0));
    }

    private static async Task<Results<Ok<ImportProgress>, NotFound<ProblemDetails>>> CancelAsync(Guid importId, IGrainFactory grains) =>
        await grains.GetGrain<IImportJobGrain>(importId).CancelAsync() is { } progress
            ? TypedResults.Ok(progress)
            : TypedResults.NotFound(NoSuchImport(importId));

    private static ProblemDetails NoSuchImport(Guid importId) =>
        new() { Title = "No such import", Detail = $"Import {importId} does not exist.", Status = StatusCodes.Status404NotFound };
}
