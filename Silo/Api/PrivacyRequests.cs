using Datapunk.Users.Privacy;

namespace Datapunk.Silo.Api;

/// <summary>
/// What the REST routes and the gRPC Privacy service share about exports and erasure: the
/// confirmation an erasure needs, finding an export's zip for its owner, and the wording of an
/// export that is not the caller's (the same as one that never existed).
/// </summary>
internal static class PrivacyRequests
{
    /// <summary>Why the erasure of <paramref name="userId"/> is not confirmed by <paramref name="confirm"/>, or null when it is.</summary>
    public static string? ConfirmationProblem(string userId, string? confirm) =>
        confirm == userId ? null : $"To erase the account and all of its data for good, confirm with the account's user id, '{userId}'.";

    public static string NoSuchExport(Guid exportId) =>
        $"There is no export {exportId} of yours; exports are removed a day after they were written.";

    /// <summary>
    /// The caller's export and, when it is ready, the path of its zip. A null status means the caller
    /// has no such export (another user's included).
    /// </summary>
    public static async Task<(ExportStatus? Status, string? Zip)> FindZipAsync(string userId, Guid exportId, IGrainFactory grains, UserExports exports)
    {
        var status = await grains.GetGrain<IUserGrain>(userId).GetExportAsync(exportId);
        return status is null ? (null, null) : (status, exports.ZipOf(userId, exportId));
    }
}
