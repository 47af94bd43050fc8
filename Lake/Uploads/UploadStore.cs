namespace Datapunk.Lake.Uploads;

/// <summary>
/// Creates, shows and removes a user's uploads, within the spool's bounds: an upload may not be larger
/// than an import may expand to (<see cref="Archives.ArchiveLimits.MaxTotalBytes"/>), nor take the
/// user's spool over <see cref="SpoolOptions.MaxUserBytes"/>.
/// </summary>
public sealed class UploadStore(UploadsTable table, UploadSpool spool, SpoolOptions options, Pipeline.ImportPipelineOptions pipeline, TimeProvider clock)
{
    /// <summary>The largest upload the spool takes (what <c>Tus-Max-Size</c> announces).</summary>
    public long MaxUploadBytes => Math.Min(pipeline.Limits.MaxTotalBytes, options.MaxUserBytes);

    public async Task<Upload> CreateAsync(string userId, long length, string? fileName, CancellationToken cancellationToken)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "An upload's length cannot be negative.");
        }

        if (length > MaxUploadBytes)
        {
            throw new UploadTooLargeException($"An upload of {length} bytes is over the largest this server takes, {MaxUploadBytes} bytes.");
        }

        var (bytes, open) = await table.UsageAsync(userId, cancellationToken);
        if (bytes + length > options.MaxUserBytes)
        {
            throw new UploadTooLargeException(
                $"Your uploads hold {bytes} bytes; {length} more would pass the {options.MaxUserBytes} bytes one user may keep in the spool. Import or delete uploads first.");
        }

        if (open >= options.MaxOpenUploadsPerUser)
        {
            throw new UploadConflictException($"You have {open} unfinished uploads, the most one user may have; finish or delete some first.");
        }

        var now = clock.GetUtcNow();
        var upload = new Upload(Guid.NewGuid(), userId, length, 0, UploadFileNames.Clean(fileName), now, now + options.Expiry, null, null);
        if (length == 0)
        {
            // Nothing to PATCH: an empty upload is finished when created, with its (empty) file.
            upload = upload with { CompletedAt = now };
            await using var empty = spool.OpenForWriting(userId, upload.UploadId, 0);
        }

        await table.InsertAsync(upload, cancellationToken);
        return upload;
    }

    /// <summary>The user's upload, or null when the user has none by this id (another user's included) or it expired.</summary>
    public async Task<Upload?> GetAsync(string userId, Guid uploadId, CancellationToken cancellationToken) =>
        await table.GetAsync(userId, uploadId, cancellationToken) is { } upload && !upload.IsExpired(clock.GetUtcNow()) ? upload : null;

    /// <summary>Removes the user's upload and its file (tus termination); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string userId, Guid uploadId, CancellationToken cancellationToken)
    {
        if (await GetAsync(userId, uploadId, cancellationToken) is null || !await table.DeleteAsync(userId, uploadId, cancellationToken))
        {
            return false;
        }

        spool.Remove(userId, uploadId);
        return true;
    }
}
