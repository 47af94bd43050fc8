namespace Datapunk.Grains;

/// <summary>
/// One input of an import: where the silo reads it, and the name it is known by. For a server-side
/// folder both are the path the operator allowed; for an upload the path is its spool file (named by
/// upload id) and the name is the file name the uploader gave, which only labels entries and tells
/// a single export file's format (it never becomes a path on disk).
/// </summary>
/// <param name="Path">Absolute path of an archive (.zip, .tgz, .tar.gz, .tar), extracted folder or single export file.</param>
/// <param name="Name">What the import report calls it; its extension says how to read it.</param>
[GenerateSerializer, Immutable, Alias("import-input")]
public sealed record ImportInput([property: Id(0)] string Path, [property: Id(1)] string Name)
{
    /// <summary>An input read at <paramref name="path"/> and known by it.</summary>
    public static ImportInput AtPath(string path) => new(path, path);
}
