namespace Datapunk.Lake.Archives;

/// <summary>
/// One file inside an export (an archive entry, a file of an extracted folder, or a single file).
/// Its stream is valid only until the source moves to the next entry.
/// </summary>
/// <param name="Source">The archive or folder the entry belongs to, as the user named it.</param>
/// <param name="Path">The entry's path inside the source, '/'-separated and checked to stay inside it.</param>
/// <param name="Length">Uncompressed length, when the container says.</param>
/// <param name="CompressedLength">Stored length, when the container says (zip bomb checks use it).</param>
public sealed record ExportEntry(string Source, string Path, long? Length, long? CompressedLength)
{
    /// <summary>The key this entry is known by across imports of the same export: source file name and path.</summary>
    public string Key => $"{System.IO.Path.GetFileName(Source)}!{Path}";
}
