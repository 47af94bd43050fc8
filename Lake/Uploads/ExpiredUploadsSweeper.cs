using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Datapunk.Lake.Uploads;

/// <summary>
/// Removes uploads that expired (unfinished, or finished but never imported) with their spool files,
/// and spool files whose upload is gone. Every silo runs one: two removing the same upload is
/// harmless, and no silo has to be the one.
/// </summary>
public sealed partial class ExpiredUploadsSweeper(UploadsTable table, UploadSpool spool, SpoolOptions options, ILogger<ExpiredUploadsSweeper> logger)
    : BackgroundService
{
    private const int Batch = 500;

    /// <summary>Removes the expired uploads (in batches until none are left) and orphaned spool files, and returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await RemoveExpiredAsync(cancellationToken) + await RemoveOrphanedFilesAsync(cancellationToken);

    private async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        while (true)
        {
            var expired = await table.ListExpiredAsync(Batch, cancellationToken);
            foreach (var (userId, uploadId) in expired)
            {
                // Deleted under the owner's id; one a writer still holds is left for the next sweep.
                if (await table.DeleteExpiredAsync(userId, uploadId, cancellationToken))
                {
                    spool.Remove(userId, uploadId);
                    removed++;
                }
            }

            if (expired.Count < Batch)
            {
                return removed;
            }
        }
    }

    /// <summary>
    /// Removes the spool files no upload holds: every remover deletes the row first, so one that stopped
    /// in between (a crash, a killed silo) leaves its file behind, as does a writer that stalled past its
    /// lease and re-created the file after its upload was removed. A row is made before its file, so a
    /// file without one is no live upload's; only files untouched for the expiry are candidates all the same.
    /// </summary>
    private async Task<int> RemoveOrphanedFilesAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        var untouchedSince = DateTime.UtcNow - options.Expiry;
        foreach (var owner in spool.Files().Where(file => file.WrittenUtc < untouchedSince).GroupBy(file => file.UserId))
        {
            var candidates = owner.Select(file => file.UploadId).ToList();
            var existing = await table.ExistingAsync(owner.Key, candidates, cancellationToken);
            foreach (var uploadId in candidates.Where(id => !existing.Contains(id)))
            {
                spool.Remove(owner.Key, uploadId);
                removed++;
            }
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval);
        do
        {
            try
            {
                if (await SweepAsync(stoppingToken) is > 0 and var removed)
                {
                    Log.Removed(logger, removed);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.Failed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} expired uploads and orphaned spool files")]
        public static partial void Removed(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired uploads failed; the next sweep tries again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
