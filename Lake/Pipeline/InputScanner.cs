using System.IO.Compression;
using Datapunk.Lake.Archives;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Counts the entries and uncompressed bytes of an import's inputs before reading them, where
/// that is cheap: a zip's central directory, a folder's listing, a file's length. A .tgz or .tar
/// would have to be read to its end, so with one among the inputs the totals stay unknown.
/// </summary>
internal static class InputScanner
{
    public static (long? Files, long? Bytes) Scan(IReadOnlyList<ImportInput> inputs, CancellationToken cancellationToken)
    {
        long files = 0, bytes = 0;
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = input.Path;
            var kind = ArchiveKinds.Of(input.Name);
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
                {
                    files++;
                    bytes += new FileInfo(file).Length;
                }
            }
            else if (kind is ArchiveKind.GzippedTar or ArchiveKind.Tar)
            {
                return (null, null);
            }
            else if (kind == ArchiveKind.Zip && File.Exists(path))
            {
                try
                {
                    using var zip = ZipFile.OpenRead(path);
                    foreach (var entry in zip.Entries.Where(e => !(e.FullName.EndsWith('/') && e.Length == 0)))
                    {
                        files++;
                        bytes += entry.Length;
                    }
                }
                catch (InvalidDataException)
                {
                    // Unreadable: reading it will report the part as failed, one "file".
                    files++;
                }
            }
            else
            {
                files++;
                bytes += File.Exists(path) ? new FileInfo(path).Length : 0;
            }
        }

        return (files, bytes);
    }
}
