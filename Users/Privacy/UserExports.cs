using Datapunk.Grains;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Exports of users' data into the spool (<c>&lt;spool&gt;/&lt;user&gt;/exports/&lt;id&gt;.zip</c>): started
/// in the background, their state read back from the files (<see cref="ExportFiles"/>) by any silo,
/// downloaded from there, and removed a day after they were written (<see cref="ExportSweeper"/>).
/// </summary>
public sealed partial class UserExports(NpgsqlDataSource dataSource, UserSpool spool, TimeProvider clock, ILogger<UserExports> logger)
{
    /// <summary>How long a finished export stays downloadable.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <summary>A partial file nobody wrote to for this long belongs to an export whose silo stopped.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Starts an export of <paramref name="userId"/>'s data and returns its id; it runs on after this
    /// returns. <paramref name="masked"/>: personal identifiers in text are masked (an export to share).
    /// </summary>
    public Guid Start(string userId, bool masked = false)
    {
        var files = new ExportFiles(spool.ExportsFolder(userId), Guid.NewGuid());
        Directory.CreateDirectory(files.Folder);
        var output = new FileStream(files.Partial, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        _ = Task.Run(() => RunAsync(userId, masked, files, output));
        return files.ExportId;
    }

    /// <summary>The export's state, or null when the user has no export of that id (never had, or it expired).</summary>
    public ExportStatus? Find(string userId, Guid exportId)
    {
        var files = new ExportFiles(spool.ExportsFolder(userId), exportId);
        if (File.Exists(files.Zip))
        {
            var zip = new FileInfo(files.Zip);
            return new ExportStatus(exportId, ExportState.Ready, zip.CreationTimeUtc, zip.LastWriteTimeUtc + Lifetime, zip.Length, null);
        }

        if (File.Exists(files.Failure))
        {
            return new ExportStatus(exportId, ExportState.Failed, File.GetCreationTimeUtc(files.Failure), null, null, File.ReadAllText(files.Failure));
        }

        if (File.Exists(files.Partial))
        {
            var partial = new FileInfo(files.Partial);
            return clock.GetUtcNow() - partial.LastWriteTimeUtc > Abandoned
                ? new ExportStatus(exportId, ExportState.Failed, partial.CreationTimeUtc, null, null, "The silo writing this export stopped; start a new export.")
                : new ExportStatus(exportId, ExportState.Running, partial.CreationTimeUtc, null, partial.Length, null);
        }

        return null;
    }

    /// <summary>The finished zip to download, or null when the export is not ready (or not this user's).</summary>
    public string? ZipOf(string userId, Guid exportId)
    {
        var zip = new ExportFiles(spool.ExportsFolder(userId), exportId).Zip;
        return File.Exists(zip) ? zip : null;
    }

    private async Task RunAsync(string userId, bool masked, ExportFiles files, FileStream output)
    {
        try
        {
            await using (output)
            {
                var manifest = await UserDataExport.WriteAsync(dataSource, userId, output, CancellationToken.None, masked);
                Log.Exported(logger, userId, files.ExportId, manifest.Files.Sum(file => file.Records), output.Length);
            }

            File.Move(files.Partial, files.Zip);
        }
        catch (Exception exception)
        {
            Log.Failed(logger, exception, userId, files.ExportId);
            await File.WriteAllTextAsync(files.Failure, $"The export failed: {exception.Message}");
            File.Delete(files.Partial);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Records} rows of user {UserId} as export {ExportId} ({Bytes} bytes)")]
        public static partial void Exported(ILogger logger, string userId, Guid exportId, long records, long bytes);

        [LoggerMessage(Level = LogLevel.Error, Message = "Export {ExportId} of user {UserId} failed")]
        public static partial void Failed(ILogger logger, Exception exception, string userId, Guid exportId);
    }
}
