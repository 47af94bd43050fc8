using System.Formats.Tar;
using System.IO.Compression;

namespace Datapunk.Lake.Archives;

/// <summary>
/// Walks the files of one input path (a .zip, .tgz/.tar.gz/.tar, an extracted folder, or a single
/// export file) entry by entry, streaming, never extracting the whole archive. Each entry's stream
/// is bounded by <see cref="ArchiveLimits"/> and valid only during its callback.
/// </summary>
public sealed class ExportReader(ArchiveLimits limits, ExpansionBudget budget)
{
    /// <summary>Called for each readable entry with its bounded content stream.</summary>
    public delegate Task EntryHandler(ExportEntry entry, Stream content, CancellationToken cancellationToken);

    /// <summary>Called for each entry that is refused without being read (unsafe name), with the reason.</summary>
    public delegate void RejectedHandler(string source, string rawName, string reason);

    public async Task ReadAsync(string path, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            await ReadFolderAsync(path, onEntry, cancellationToken);
            return;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        var name = path.ToLowerInvariant();
        if (name.EndsWith(".zip", StringComparison.Ordinal))
        {
            await ReadZipAsync(path, onEntry, onRejected, cancellationToken);
        }
        else if (name.EndsWith(".tgz", StringComparison.Ordinal) || name.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            await using var file = OpenFile(path);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await ReadTarAsync(path, gzip, onEntry, onRejected, cancellationToken);
        }
        else if (name.EndsWith(".tar", StringComparison.Ordinal))
        {
            await using var file = OpenFile(path);
            await ReadTarAsync(path, file, onEntry, onRejected, cancellationToken);
        }
        else
        {
            var length = new FileInfo(path).Length;
            var entry = new ExportEntry(path, Path.GetFileName(path), length, null);
            await using var content = new BoundedEntryStream(OpenFile(path), entry, limits, budget);
            await onEntry(entry, content, cancellationToken);
        }
    }

    private async Task ReadFolderAsync(string folder, EntryHandler onEntry, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var entry = new ExportEntry(folder, relative, new FileInfo(file).Length, null);
            await using var content = new BoundedEntryStream(OpenFile(file), entry, limits, budget);
            await onEntry(entry, content, cancellationToken);
        }
    }

    private async Task ReadZipAsync(string path, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken)
    {
        await using var file = OpenFile(path);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(path)} is not a readable zip archive ({exception.Message}). It is probably truncated: download this part again.", exception);
        }

        using (archive)
        {
            foreach (var zipEntry in archive.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (zipEntry.FullName.EndsWith('/') && zipEntry.Length == 0)
                {
                    continue;
                }

                var relative = EntryPaths.Normalise(zipEntry.FullName, out var problem);
                if (relative is null)
                {
                    onRejected(path, zipEntry.FullName, problem!);
                    continue;
                }

                var entry = new ExportEntry(path, relative, zipEntry.Length, zipEntry.CompressedLength);
                await using var content = new BoundedEntryStream(zipEntry.Open(), entry, limits, budget);
                await onEntry(entry, content, cancellationToken);
            }
        }
    }

    private async Task ReadTarAsync(string path, Stream tar, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } tarEntry)
        {
            if (tarEntry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || tarEntry.DataStream is null)
            {
                continue;
            }

            var relative = EntryPaths.Normalise(tarEntry.Name, out var problem);
            if (relative is null)
            {
                onRejected(path, tarEntry.Name, problem!);
                continue;
            }

            var entry = new ExportEntry(path, relative, tarEntry.Length, null);
            var content = new BoundedEntryStream(tarEntry.DataStream, entry, limits, budget);
            await onEntry(entry, content, cancellationToken);
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
