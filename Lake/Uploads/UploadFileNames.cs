using Datapunk.Lake.Archives;

namespace Datapunk.Lake.Uploads;

/// <summary>
/// The name an upload is shown and imported by. What the uploader sent is cut to its last path
/// segment and cleaned of control characters; it labels the import's entries and tells a single
/// export file's format, and never becomes a path on disk.
/// </summary>
public static class UploadFileNames
{
    public const int MaxLength = 255;

    /// <summary>The cleaned name, or null when nothing usable is left.</summary>
    public static string? Clean(string? sent)
    {
        if (sent is null)
        {
            return null;
        }

        var last = sent[(sent.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        clean = clean.Length > MaxLength ? clean[..MaxLength] : clean;
        return clean is "" or "." or ".." ? null : clean;
    }

    /// <summary>
    /// The name an import reads the upload by: its cleaned name, or <c>upload-{id}</c>, with the
    /// extension of the archive its first bytes show when the name does not already say one.
    /// </summary>
    public static string ForImport(Upload upload, ReadOnlySpan<byte> head)
    {
        var name = upload.FileName ?? $"upload-{upload.UploadId:N}";
        var sniffed = ArchiveKinds.Sniff(head);
        return ArchiveKinds.Of(name) == ArchiveKind.SingleFile && sniffed != ArchiveKind.SingleFile
            ? name + ArchiveKinds.Extension(sniffed)
            : name;
    }
}
