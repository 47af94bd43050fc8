using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Datapunk.Cli.Output;
using Datapunk.Client;

namespace Datapunk.Cli.Commands;

/// <summary>
/// Sends what <c>datapunk import</c> is given to the server as uploads: a file as it is, a folder as a
/// zip archive built next to the resume records (its entries relative to the folder, as a Takeout
/// archive has them) and kept until the import starts, so an interrupted upload of either resumes
/// where it stopped on the next run. Progress goes to stderr, never to stdout.
/// </summary>
public sealed class ImportUploader(DatapunkGatewayClient client, TextWriter progressOutput, bool interactive)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    /// <summary>The user's cache folder for resume records and folder archives ($XDG_CACHE_HOME or ~/.cache, then datapunk/uploads).</summary>
    public static string CacheFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "datapunk", "uploads");

    /// <summary>Uploads every path and returns the upload ids plus the folder archives to delete once the import started.</summary>
    public async Task<(IReadOnlyList<Guid> Uploads, IReadOnlyList<string> Archives)> UploadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var uploads = new List<Guid>(paths.Count);
        var archives = new List<string>();
        foreach (var path in paths)
        {
            var file = path;
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
            if (Directory.Exists(path))
            {
                file = ZipFolder(path);
                archives.Add(file);
                name += ".zip";
            }

            uploads.Add(await client.UploadAsync(file, CacheFolder, new Progress(this, name, new FileInfo(file).Length), name, cancellationToken));
            Finish();
        }

        return (uploads, archives);
    }

    /// <summary>Files that do not exist, as messages naming them (checked before anything is sent).</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<string> paths) =>
        [.. paths.Where(path => !File.Exists(path) && !Directory.Exists(path)).Select(path => $"{path} does not exist.")];

    /// <summary>
    /// The folder as a zip in the cache, named by its path and the size and time of its newest file,
    /// so a rerun after an interruption finds the same archive (same bytes, same resume record).
    /// </summary>
    private static string ZipFolder(string folder)
    {
        var files = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        var fingerprint = $"{Path.GetFullPath(folder)}\n{files.Count}\n{files.Sum(f => f.Length)}\n{(files.Count == 0 ? 0 : files.Max(f => f.LastWriteTimeUtc.Ticks))}";
        var archive = Path.Combine(CacheFolder, "folders", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint))) + ".zip");
        if (!File.Exists(archive))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
            var partial = archive + ".partial";
            ZipFile.CreateFromDirectory(folder, partial, CompressionLevel.Fastest, includeBaseDirectory: false);
            File.Move(partial, archive, overwrite: true);
        }

        return archive;
    }

    private void Report(string name, long sent, long total, ref TimeSpan? lastLogged, System.Diagnostics.Stopwatch clock)
    {
        var line = $"Uploading {name}: {ImportProgressLine.Bytes(sent)}/{ImportProgressLine.Bytes(total)} ({(total == 0 ? 100 : sent * 100 / total)} %)";
        if (interactive)
        {
            progressOutput.Write("\r" + line);
            progressOutput.Flush();
        }
        else if (lastLogged is null || clock.Elapsed - lastLogged >= LogInterval || sent == total)
        {
            progressOutput.WriteLine(line);
            lastLogged = clock.Elapsed;
        }
    }

    private void Finish()
    {
        if (interactive)
        {
            progressOutput.WriteLine();
        }
    }

    private sealed class Progress(ImportUploader owner, string name, long total) : IProgress<long>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan? _lastLogged;

        public void Report(long value) => owner.Report(name, value, total, ref _lastLogged, _clock);
    }
}
