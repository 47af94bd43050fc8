using Datapunk.Lake.Deletion;
using Datapunk.Lake.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>Deleting one of the user's imports, or a source file of it, with what was stored from it (docs/catalog.md, "Deleting an export").</summary>
public sealed partial class UserGrain
{
    public async Task<ImportDeletion?> DeleteImportAsync(Guid importId, long? fileId, bool dryRun, bool acceptLoss)
    {
        RequireCreated();
        if (await OwnImportAsync(importId) is null)
        {
            return null;
        }

        var userId = this.GetPrimaryKeyString();
        var deletions = ServiceProvider.GetRequiredService<ImportDeletions>();
        var preview = await deletions.PreviewAsync(userId, importId, fileId, CancellationToken.None);
        if (preview is null || dryRun)
        {
            return preview;
        }

        // This grain starts every import, and it takes no other call until the deletion is done: no import
        // starts while rows are deleted and the overlapping files are read again.
        await RequireNoImportRunningAsync();
        var unrecoverable = preview.Unrecoverable.ToList();
        if (unrecoverable.Count > 0 && !acceptLoss)
        {
            throw new ImportDeletionRefusedException(
                $"Deleting would also lose the copies other files hold of the same records, and they cannot be read again: "
                + string.Join("; ", unrecoverable.Select(file => $"file {file.FileId} ({file.Path}, up to {file.SharedRecords} records): {file.Reason}"))
                + ". Delete anyway with acceptLoss (--accept-loss), or keep those files' originals and import them again first.");
        }

        var deleted = await deletions.DeleteAsync(userId, preview, CancellationToken.None);
        Guid? reread = null;
        var originals = preview.Overlapping.Where(file => file.Rereadable).SelectMany(file => file.Originals).Distinct().ToList();
        if (originals.Count > 0)
        {
            // The overlapping files' own copies are stored again by reading their kept originals through the
            // import pipeline; their ledger rows are gone, so they are parsed rather than skipped as unchanged.
            // The originals stay theirs (no claim, nothing removed when this import ends).
            var inputs = await ServiceProvider.GetRequiredService<UploadImports>().ResolveAsync(userId, originals, CancellationToken.None);
            reread = Guid.NewGuid();
            await GrainFactory.GetGrain<IImportJobGrain>(reread.Value).StartAsync(new StartImport(userId, inputs, [], false));
            await deletions.FinishAsync(userId, [.. preview.Files.Select(file => file.FileId)], CancellationToken.None);
        }

        await DataRemovedAsync(userId);
        return deleted with { RereadImportId = reread, LossAccepted = unrecoverable.Count > 0 };
    }

    /// <summary>How long the deletion waits for each follow-up to take its request before answering without it.</summary>
    private static readonly TimeSpan FollowUpWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What was derived from the deleted rows follows, as after an import: the catalog, local times and places, models.
    /// Each only takes a request and works in the background; one that cannot be asked does not undo the deletion.
    /// A grain busy with a long turn (Cortex computing the local times an import just asked for) takes the request
    /// when its turn ends: the deletion answers after <see cref="FollowUpWait"/> rather than keep its caller past
    /// the call's timeout, and the request is still delivered.
    /// </summary>
    private async Task DataRemovedAsync(string userId)
    {
        var logger = ServiceProvider.GetRequiredService<ILogger<UserGrain>>();
        foreach (var (what, request) in new (string, Func<Task>)[]
        {
            ("catalog", () => GrainFactory.GetGrain<ICatalogGrain>(userId).RequestRefreshAsync("deletion")),
            ("places and local times", () => GrainFactory.GetGrain<ICortexGrain>(userId).LocalTimesChangedAsync()),
            ("models", () => ForgeTriggers.DataChangedAsync(GrainFactory, userId, "deletion")),
        })
        {
            try
            {
                var asked = request();
                if (await Task.WhenAny(asked, Task.Delay(FollowUpWait)) != asked)
                {
                    ImportDeletionLog.FollowUpQueued(logger, userId, what);
                    continue;
                }

                await asked;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                ImportDeletionLog.NotFollowed(logger, exception, userId, what);
            }
        }
    }
}
