namespace Datapunk.Lake.Archives;

/// <summary>
/// Tells the kind of an input: by its name when the name says (what an operator's folder holds), or
/// by its first bytes (what an upload holds, whose name is only what the uploader typed).
/// </summary>
public static class ArchiveKinds
{
    /// <summary>Bytes of a file <see cref="Sniff"/> looks at: a tar header's magic sits at offset 257.</summary>
    public const int SniffBytes = 512;

    public static ArchiveKind Of(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.EndsWith(".zip", StringComparison.Ordinal) ? ArchiveKind.Zip
            : lower.EndsWith(".tgz", StringComparison.Ordinal) || lower.EndsWith(".tar.gz", StringComparison.Ordinal) ? ArchiveKind.GzippedTar
            : lower.EndsWith(".tar", StringComparison.Ordinal) ? ArchiveKind.Tar
            : ArchiveKind.SingleFile;
    }

    /// <summary>The kind the first <see cref="SniffBytes"/> (or fewer) bytes of a file show.</summary>
    public static ArchiveKind Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8) ? ArchiveKind.Zip
        : head.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) ? ArchiveKind.GzippedTar
        : head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8) ? ArchiveKind.Tar
        : ArchiveKind.SingleFile;

    /// <summary>The file name extension that makes <see cref="Of"/> answer <paramref name="kind"/>.</summary>
    public static string Extension(ArchiveKind kind) => kind switch
    {
        ArchiveKind.Zip => ".zip",
        ArchiveKind.GzippedTar => ".tar.gz",
        ArchiveKind.Tar => ".tar",
        _ => "",
    };
}
