namespace Datapunk.Lake.Formats;

/// <summary>What a format reader sees to decide whether an archive entry is its format.</summary>
/// <param name="Path">The entry's path inside the export, with '/' separators (localised folder names included).</param>
/// <param name="Head">The first bytes of the entry (up to 64 KiB), BOM included.</param>
/// <param name="Length">The entry's uncompressed length, when the archive says.</param>
public sealed record EntrySample(string Path, ReadOnlyMemory<byte> Head, long? Length)
{
    public const int HeadSize = 64 * 1024;

    /// <summary>The file name without folders.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The extension in lower case, with the dot (".json").</summary>
    public string Extension => System.IO.Path.GetExtension(FileName).ToLowerInvariant();
}
