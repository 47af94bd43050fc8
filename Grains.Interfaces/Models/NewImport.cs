namespace Datapunk.Grains;

/// <summary>
/// The body of <c>POST /api/v1/imports</c>: either the caller's completed uploads, or paths inside
/// the server-side folders the operator allowed (<c>Imports:AllowedRoots</c>), never both.
/// </summary>
/// <param name="Uploads">Ids of the caller's completed uploads (<c>/api/v1/uploads</c>).</param>
/// <param name="KeepOriginals">Keep the uploaded files in the spool after the import ends.</param>
/// <param name="Paths">Absolute paths inside an allowed root.</param>
public sealed record NewImport(IReadOnlyList<Guid>? Uploads = null, bool KeepOriginals = false, IReadOnlyList<string>? Paths = null);
