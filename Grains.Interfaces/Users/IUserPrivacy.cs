namespace Datapunk.Grains;

/// <summary>
/// A user's privacy rights, through the user's grain: a copy of all their data, and erasure of all
/// of it (docs/security.md, "Export and erasure").
/// </summary>
[Alias("user-privacy")]
public interface IUserPrivacy : IGrainWithStringKey
{
    /// <summary>Starts an export of all of the user's data into a zip and returns its id; it runs in the background.</summary>
    [Alias("ExportAsync")]
    Task<Guid> ExportAsync();

    /// <summary>
    /// Starts an export to share: the same files, with every personal identifier found in text (e-mail
    /// addresses, phone numbers, IBANs, card and national id numbers, street addresses) masked.
    /// </summary>
    [Alias("ExportMaskedAsync")]
    Task<Guid> ExportMaskedAsync();

    /// <summary>The state of one of the user's exports; null when the user has none of that id (or it expired).</summary>
    [Alias("GetExportAsync")]
    Task<ExportStatus?> GetExportAsync(Guid exportId);

    /// <summary>
    /// Erases the account and everything of it: cancels a running import, removes every row, file,
    /// cache entry, grain state and reminder of the user, and deactivates the grain. Calls made while
    /// it runs are refused. Running it again after an interruption finishes the job. Returns what
    /// was removed.
    /// </summary>
    [Alias("EraseAsync")]
    Task<ErasureReport> EraseAsync();
}
