namespace Datapunk.Grains;

/// <summary>
/// A user's imports, through the user's grain: started from the user's own finished uploads (or from
/// server-side folders the operator allowed), listed, followed and cancelled. An import of another
/// user is never shown here: for this grain it does not exist.
/// </summary>
[Alias("user-imports")]
public interface IUserImports : IGrainWithStringKey
{
    /// <summary>
    /// Starts one import over the user's finished uploads and returns its id. When it ends (finished,
    /// failed or cancelled) the uploads are removed from the spool unless <paramref name="keepOriginals"/>.
    /// Fails with <see cref="UploadNotFoundException"/> for an id the user has no upload by and with
    /// <see cref="ImportInputRefusedException"/> for an unfinished one, naming it.
    /// </summary>
    [Alias("StartImportFromUploadsAsync")]
    Task<Guid> StartImportFromUploadsAsync(IReadOnlyList<Guid> uploadIds, bool keepOriginals);

    /// <summary>
    /// Starts one import over paths on the silo's machine, each inside a server-side import folder
    /// (<c>Imports:AllowedRoots</c>) after symbolic links and <c>..</c> are resolved; otherwise
    /// <see cref="ImportInputRefusedException"/> names the path. The user must exist.
    /// </summary>
    [Alias("StartImportAsync")]
    Task<Guid> StartImportAsync(IReadOnlyList<string> paths);

    /// <summary>
    /// Starts, as import <paramref name="importId"/>, one import over uploads a live source downloaded for the user
    /// (a Data Portability archive job's archives), removing them when it ends; does nothing when an import by
    /// this id was started before, so an archive handed over twice is imported once. Fails with
    /// <see cref="ImportAlreadyRunningException"/> while another import of the user runs.
    /// </summary>
    [Alias("StartImportOfDownloadsAsync")]
    Task StartImportOfDownloadsAsync(Guid importId, IReadOnlyList<Guid> uploadIds);

    /// <summary>This user's imports, newest first, with status and counts (live for running ones).</summary>
    [Alias("ListImportsAsync")]
    Task<IReadOnlyList<ImportProgress>> ListImportsAsync();

    /// <summary>One of this user's imports, or null when the user has none by this id.</summary>
    [Alias("GetImportAsync")]
    Task<ImportProgress?> GetImportAsync(Guid importId);

    /// <summary>The per-file report of one of this user's imports (see <see cref="IImportJobGrain.GetFilesAsync"/>), or null when the user has none by this id.</summary>
    [Alias("GetImportFilesAsync")]
    Task<IReadOnlyList<ImportFileReport>?> GetImportFilesAsync(Guid importId, string? status, int offset);

    /// <summary>Cancels one of this user's imports and returns its final progress, or null when the user has none by this id.</summary>
    [Alias("CancelImportAsync")]
    Task<ImportProgress?> CancelImportAsync(Guid importId);

    /// <summary>
    /// Deletes one of this user's imports, or only its source file <paramref name="fileId"/>, with the rows stored
    /// from it and their embeddings, and returns what went (with <paramref name="dryRun"/>: what would go, changing
    /// nothing). Other files holding some of the same records are read again from their kept originals, so their
    /// copies stay; when one has no kept original the deletion is refused with <see cref="ImportDeletionRefusedException"/>
    /// unless <paramref name="acceptLoss"/>. Also refused while an import runs. Running it again finishes a deletion
    /// that stopped half-way and otherwise changes nothing. Null when the user has no such import or file.
    /// </summary>
    [Alias("DeleteImportAsync")]
    Task<ImportDeletion?> DeleteImportAsync(Guid importId, long? fileId, bool dryRun, bool acceptLoss);
}
