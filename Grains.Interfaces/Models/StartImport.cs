namespace Datapunk.Grains;

/// <summary>What an import job is asked to import: the owner and the inputs the silo reads.</summary>
/// <param name="UserId">The user whose data this is; the job never touches another user's rows.</param>
/// <param name="Inputs">The archives, folders or single export files, each with the name it is known by.</param>
/// <param name="Uploads">The uploads the inputs are the spool files of (empty for server-side folders).</param>
/// <param name="KeepOriginals">Whether the uploads' spool files stay after the import ends (otherwise they are removed).</param>
[GenerateSerializer, Immutable, Alias("start-import")]
public sealed record StartImport(
    [property: Id(0)] string UserId,
    [property: Id(2)] IReadOnlyList<ImportInput> Inputs,
    [property: Id(3)] IReadOnlyList<Guid> Uploads,
    [property: Id(4)] bool KeepOriginals)
{
    /// <summary>An import of server-side paths (already checked against the allowed roots).</summary>
    public static StartImport OfPaths(string userId, IReadOnlyList<string> paths) =>
        new(userId, [.. paths.Select(ImportInput.AtPath)], [], false);
}
