using System.Security.Claims;
using Datapunk.Silo.Auth;

namespace Datapunk.Silo.Api;

/// <summary>
/// Starting an import for the caller, as <c>POST /api/v1/imports</c> and gRPC <c>Imports.Start</c> do
/// it: from the caller's uploads or from server-side paths, through the caller's own user grain.
/// The grain's refusals arrive as its exceptions (<see cref="ImportInputRefusedException"/>,
/// <see cref="UploadNotFoundException"/>, <see cref="ImportAlreadyRunningException"/>), which each
/// gateway answers in its own terms.
/// </summary>
internal static class ImportStarts
{
    /// <summary>What is wrong with the choice of inputs (none, or both kinds), or null.</summary>
    public static string? InputsProblem(NewImport body) =>
        body.Uploads is { Count: > 0 } == body.Paths is { Count: > 0 }
            ? "An import names either its uploads ('uploads': [ids]) or server-side paths ('paths': [...]), one of the two."
            : null;

    /// <summary>True when the import reads uploads, false when it reads server-side paths.</summary>
    public static bool ByUploads(NewImport body) => body.Uploads is { Count: > 0 };

    /// <summary>Starts the import (the body passed <see cref="InputsProblem"/>) and returns its first progress.</summary>
    public static async Task<ImportProgress> StartAsync(NewImport body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var user = await ExistingUserAsync(grains, caller);
        var importId = ByUploads(body) ? await user.StartImportFromUploadsAsync(body.Uploads!, body.KeepOriginals) : await user.StartImportAsync(body.Paths!);
        return await user.GetImportAsync(importId)
            ?? throw new InvalidOperationException($"Import {importId} was started for {caller.UserIdOf()} but its user grain does not know it.");
    }

    /// <summary>
    /// The caller's user grain, its record created on first use (an account whose grain holds nothing
    /// yet, such as one signed in through an external issuer); with the account's own role, which
    /// makes the creation finish for an account that exists.
    /// </summary>
    public static async Task<IUserGrain> ExistingUserAsync(IGrainFactory grains, ClaimsPrincipal caller)
    {
        var userId = caller.UserIdOf();
        var user = grains.GetGrain<IUserGrain>(userId);
        if (await user.GetProfileAsync() is null)
        {
            try
            {
                await user.CreateAsync(new CreateUser(userId, null, caller.RoleOf()));
            }
            catch (UserAlreadyExistsException)
            {
                // Created by a concurrent request in between: just as good.
            }
        }

        return user;
    }
}
