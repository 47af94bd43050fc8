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

    public Task ReadAsync(string path, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken) =>
        ReadAsync(ImportInput.AtPath(path), onEntry, onRejected, cancellationToken);

    /// <summary>
    /// Reads <paramref name="input"/>'s file or folder; its name (not its path, which for an upload is
    /// a spool file named by id) says what kind of archive it is and is the entries' source.
    /// </summary>
    public async Task ReadAsync(ImportInput input, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken)
    {
        var path = input.Path;
        if (Directory.Exists(path))
        {
            await ReadFolderAsync(input, onEntry, cancellationToken);
            return;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{input.Name} does not exist.", input.Name);
        }

        switch (ArchiveKinds.Of(input.Name))
        {
            case ArchiveKind.Zip:
                await ReadZipAsync(input, onEntry, onRejected, cancellationToken);
                break;
            case ArchiveKind.GzippedTar:
            {
                await using var file = OpenFile(path);
                await using var gzip = new GZipStream(file, CompressionMode.Decompress);
                await ReadTarAsync(input.Name, gzip, onEntry, onRejected, cancellationToken);
                break;
            }

            case ArchiveKind.Tar:
            {
                await using var file = OpenFile(path);
                await ReadTarAsync(input.Name, file, onEntry, onRejected, cancellationToken);
                break;
            }

            default:
            {
                var length = new FileInfo(path).Length;
                var entry = new ExportEntry(input.Name, Path.GetFileName(input.Name), length, null);
                await using var content = new BoundedEntryStream(OpenFile(path), entry, limits, budget);
                await onEntry(entry, content, cancellationToken);
                break;
            }
        }
    }

    private async Task ReadFolderAsync(ImportInput input, EntryHandler onEntry, CancellationToken cancellationToken)
    {
        var folder = input.Path;
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var entry = new ExportEntry(input.Name, relative, new FileInfo(file).Length, null);
            await using var content = new BoundedEntryStream(OpenFile(file), entry, limits, budget);
            await onEntry(entry, content, cancellationToken);
        }
    }

    private async Task ReadZipAsync(ImportInput input, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken)
    {
        var source = input.Name;
        await using var file = OpenFile(input.Path);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(source)} is not a readable zip archive ({exception.Message}). It is probably truncated: download this part again.", exception);
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
                    onRejected(source, zipEntry.FullName, problem!);
                    continue;
                }

                var entry = new ExportEntry(source, relative, zipEntry.Length, zipEntry.CompressedLength);
                await using var content = new BoundedEntryStream(zipEntry.Open(), entry, limits, budget);
                await onEntry(entry, content, cancellationToken);
            }
        }
    }

    private async Task ReadTarAsync(string source, Stream tar, EntryHandler onEntry, RejectedHandler onRejected, CancellationToken cancellationToken)
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
                onRejected(source, tarEntry.Name, problem!);
                continue;
            }

            var entry = new ExportEntry(source, relative, tarEntry.Length, null);
            var content = new BoundedEntryStream(tarEntry.DataStream, entry, limits, budget);
            await onEntry(entry, content, cancellationToken);
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
