using Datapunk.Users.Audit;
using Datapunk.Silo.Auth;
using Datapunk.Users.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// Privacy rights (docs/security.md, "Export and erasure"): an export of all of one's data as a zip,
/// its state and its download, and erasure of one's account. The user is always the caller
/// (<c>/privacy/…</c>, <c>/me</c>); an administrator acts for a user with <c>Datapunk-Act-As</c>, as everywhere.
/// </summary>
public static class PrivacyApi
{
    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        var own = api.MapGroup("/privacy").WithTags("Privacy");
        own.MapPost("/exports", static (HttpContext http, IGrainFactory grains, bool? masked) => StartExportAsync(http.User.UserIdOf(), masked ?? false, grains))
            .Audited(AuditActions.Export).RequireAuthorization(AuthPolicies.Write).WithName("StartExport")
            .WithSummary("Starts an export of all of your data as a zip (JSON Lines per kind and a manifest with counts and checksums); 202 with its location. "
                + "?masked=true makes one to share: e-mail addresses, phone numbers, IBANs, card and national id numbers and street addresses in its text are masked.");
        own.MapGet("/exports/{exportId:guid}", static (Guid exportId, HttpContext http, IGrainFactory grains) => GetExportAsync(http.User.UserIdOf(), exportId, grains))
            .WithName("GetExport").WithSummary("An export's state: running, ready (with its size and expiry) or failed (with the reason).");
        own.MapGet("/exports/{exportId:guid}/download",
                static (Guid exportId, HttpContext http, IGrainFactory grains, UserExports exports) => DownloadAsync(http.User.UserIdOf(), exportId, grains, exports))
            .WithName("DownloadExport").WithSummary("The export's zip, streamed; ranges are supported. Removed a day after it was written.");
        api.MapDelete("/me", static ([FromBody] EraseAccount body, HttpContext http, IGrainFactory grains) => EraseAsync(http.User.UserIdOf(), body, grains))
            .RequireAuthorization(AuthPolicies.Write).WithTags("Privacy").WithName("EraseMe")
            .WithSummary("Erases your account and all of its data, for good. The body must repeat your user id: {\"confirm\": \"<user id>\"}.");

        return api;
    }

    private static async Task<Results<AcceptedAtRoute<ExportStatus>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> StartExportAsync(
        string userId, bool masked, IGrainFactory grains)
    {
        try
        {
            var user = grains.GetGrain<IUserGrain>(userId);
            var exportId = masked ? await user.ExportMaskedAsync() : await user.ExportAsync();
            var status = await user.GetExportAsync(exportId);
            return TypedResults.AcceptedAtRoute(status, "GetExport", new { exportId });
        }
        catch (UserNotFoundException exception)
        {
            return TypedResults.NotFound(Problem("No such user", exception.Message, StatusCodes.Status404NotFound));
        }
        catch (AccountErasureInProgressException exception)
        {
            return TypedResults.Conflict(Problem("The account is being erased", exception.Message, StatusCodes.Status409Conflict));
        }
    }

    private static async Task<Results<Ok<ExportStatus>, NotFound<ProblemDetails>>> GetExportAsync(string userId, Guid exportId, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(userId).GetExportAsync(exportId) is { } status
            ? TypedResults.Ok(status)
            : TypedResults.NotFound(NoSuchExport(exportId));

    private static async Task<Results<PhysicalFileHttpResult, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> DownloadAsync(
        string userId, Guid exportId, IGrainFactory grains, UserExports exports)
    {
        var (status, zip) = await PrivacyRequests.FindZipAsync(userId, exportId, grains, exports);
        if (status is null || zip is null)
        {
            return status is { State: not ExportState.Ready }
                ? TypedResults.Conflict(Problem("The export is not ready", status.Error ?? $"It is {status.State}.", StatusCodes.Status409Conflict))
                : TypedResults.NotFound(NoSuchExport(exportId));
        }

        return TypedResults.PhysicalFile(
            zip, "application/zip", $"datapunk-export-{userId}-{status.StartedAt:yyyyMMdd-HHmmss}.zip", enableRangeProcessing: true);
    }

    private static async Task<Results<Ok<ErasureReport>, ValidationProblem, Conflict<ProblemDetails>>> EraseAsync(string userId, EraseAccount body, IGrainFactory grains)
    {
        if (PrivacyRequests.ConfirmationProblem(userId, body.Confirm) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["confirm"] = [problem] });
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<IUserGrain>(userId).EraseAsync());
        }
        catch (AccountErasureInProgressException exception)
        {
            return TypedResults.Conflict(Problem("The account is being erased", exception.Message, StatusCodes.Status409Conflict));
        }
    }

    private static ProblemDetails NoSuchExport(Guid exportId) =>
        Problem("No such export", PrivacyRequests.NoSuchExport(exportId), StatusCodes.Status404NotFound);

    private static ProblemDetails Problem(string title, string detail, int status) => new() { Title = title, Detail = detail, Status = status };
}
