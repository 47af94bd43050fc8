using Datapunk.Lake.ServerFolders;
using Datapunk.Lake.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>The user's imports: started from the user's uploads or allowed server-side folders, followed and cancelled only through this grain.</summary>
public sealed partial class UserGrain
{
    public async Task<Guid> StartImportFromUploadsAsync(IReadOnlyList<Guid> uploadIds, bool keepOriginals)
    {
        RequireCreated();
        var userId = this.GetPrimaryKeyString();
        var uploads = ServiceProvider.GetRequiredService<UploadImports>();
        var inputs = await uploads.ResolveAsync(userId, uploadIds, CancellationToken.None);
        await RequireNoImportRunningAsync();
        var importId = Guid.NewGuid();
        await uploads.ClaimAsync(userId, uploadIds, importId, CancellationToken.None);
        await GrainFactory.GetGrain<IImportJobGrain>(importId).StartAsync(new StartImport(userId, inputs, [.. uploadIds], keepOriginals));
        return importId;
    }

    public async Task StartImportOfDownloadsAsync(Guid importId, IReadOnlyList<Guid> uploadIds)
    {
        RequireCreated();
        var job = GrainFactory.GetGrain<IImportJobGrain>(importId);
        if (await job.GetStatusAsync() is not null)
        {
            return;
        }

        var userId = this.GetPrimaryKeyString();
        var uploads = ServiceProvider.GetRequiredService<UploadImports>();
        var inputs = await uploads.ResolveAsync(userId, uploadIds, CancellationToken.None);
        await RequireNoImportRunningAsync();
        await uploads.ClaimAsync(userId, uploadIds, importId, CancellationToken.None);
        await job.StartAsync(new StartImport(userId, inputs, [.. uploadIds], false));
    }

    public async Task<Guid> StartImportAsync(IReadOnlyList<string> paths)
    {
        RequireCreated();
        var resolved = ServiceProvider.GetRequiredService<AllowedImportRoots>().Resolve(paths);
        await RequireNoImportRunningAsync();
        var importId = Guid.NewGuid();
        await GrainFactory.GetGrain<IImportJobGrain>(importId).StartAsync(StartImport.OfPaths(this.GetPrimaryKeyString(), resolved));
        return importId;
    }

    public async Task<IReadOnlyList<ImportProgress>> ListImportsAsync()
    {
        RequireCreated();
        var listed = await importJobs.ListAsync(this.GetPrimaryKeyString(), CancellationToken.None);

        // The table mirrors phase changes; a running import's figures come from its grain.
        var current = await Task.WhenAll(listed.Select(async import =>
            import.Status.IsFinished() ? import : await GrainFactory.GetGrain<IImportJobGrain>(import.ImportId).GetStatusAsync() ?? import));
        return current;
    }

    public async Task<ImportProgress?> GetImportAsync(Guid importId) =>
        await GrainFactory.GetGrain<IImportJobGrain>(importId).GetStatusAsync() is { } progress && progress.UserId == this.GetPrimaryKeyString()
            ? progress
            : null;

    public async Task<IReadOnlyList<ImportFileReport>?> GetImportFilesAsync(Guid importId, string? status, int offset) =>
        await OwnImportAsync(importId) is { } job ? await job.GetFilesAsync(status, offset) : null;

    public async Task<ImportProgress?> CancelImportAsync(Guid importId) =>
        await OwnImportAsync(importId) is { } job ? await job.CancelAsync() : null;

    /// <summary>The import's job grain when the import is this user's; null for an unknown id and for another user's import alike.</summary>
    private async Task<IImportJobGrain?> OwnImportAsync(Guid importId)
    {
        return await GetImportAsync(importId) is null ? null : GrainFactory.GetGrain<IImportJobGrain>(importId);
    }

    /// <summary>
    /// One import per user at a time: each import's fixes are matched against what is stored, and
    /// two imports storing the same person's fixes at once could each miss the other's coarser copy.
    /// The table may lag a finished job by a turn; the job grain itself says whether it still runs.
    /// </summary>
    private async Task RequireNoImportRunningAsync()
    {
        var userId = this.GetPrimaryKeyString();
        foreach (var importId in await importJobs.ListUnfinishedAsync(userId, CancellationToken.None))
        {
            if (await GrainFactory.GetGrain<IImportJobGrain>(importId).GetStatusAsync() is { } running && !running.Status.IsFinished())
            {
                throw new ImportAlreadyRunningException(
                    $"User '{userId}' already has import {importId} running ({running.Status}); one import per user runs at a time. "
                    + $"Wait for it to finish, cancel it (POST /api/v1/imports/{importId}/cancel), or give all the inputs to one import.");
            }
        }
    }
}
