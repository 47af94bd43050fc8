namespace Datapunk.Lake.Uploads;

/// <summary>
/// Turns a user's finished uploads into an import's inputs, keeps them while the import reads
/// them, and removes them (or keeps them, when the user chose to keep originals) when it ends.
/// </summary>
public sealed class UploadImports(UploadsTable table, UploadSpool spool)
{
    /// <summary>
    /// The inputs the uploads are, in the order given: their spool files, known by the names their
    /// uploaders gave. Refuses an id the user has no upload by and an unfinished upload, naming it.
    /// </summary>
    /// <exception cref="UploadNotFoundException">The user has no (unexpired) upload by one of the ids.</exception>
    /// <exception cref="ImportInputRefusedException">An upload is unfinished, or the list is empty, too long or repeats an id.</exception>
    public async Task<IReadOnlyList<ImportInput>> ResolveAsync(string userId, IReadOnlyList<Guid>? uploadIds, CancellationToken cancellationToken)
    {
        if (uploadIds is null || uploadIds.Count == 0 || uploadIds.Count > ImportRequests.MaxPaths)
        {
            throw new ImportInputRefusedException($"An import needs 1 to {ImportRequests.MaxPaths} uploads.");
        }

        if (uploadIds.GroupBy(id => id).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            throw new ImportInputRefusedException($"Upload {repeated.Key} is named twice.");
        }

        var inputs = new List<ImportInput>(uploadIds.Count);
        var head = new byte[Archives.ArchiveKinds.SniffBytes];
        foreach (var uploadId in uploadIds)
        {
            var upload = await table.GetAsync(userId, uploadId, cancellationToken);
            if (upload is null || upload.IsExpired(DateTimeOffset.UtcNow))
            {
                throw new UploadNotFoundException($"You have no upload {uploadId}; it may have expired, been deleted or been removed after its import.");
            }

            if (!upload.IsComplete)
            {
                throw new ImportInputRefusedException(
                    $"Upload {uploadId} is not finished: {upload.Received} of {upload.Length} bytes arrived. Resume it (HEAD, then PATCH) before importing it.");
            }

            var path = spool.FileOf(userId, uploadId);
            int read;
            try
            {
                await using var file = File.OpenRead(path);
                read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                throw new ImportInputRefusedException($"The spool file of upload {uploadId} is missing: upload it again.");
            }

            inputs.Add(new ImportInput(path, UploadFileNames.ForImport(upload, head.AsSpan(0, read))));
        }

        return inputs;
    }

    /// <summary>Marks the uploads as read by <paramref name="importId"/>: they do not expire while it runs.</summary>
    public Task ClaimAsync(string userId, IReadOnlyList<Guid> uploadIds, Guid importId, CancellationToken cancellationToken) =>
        table.ClaimAsync(userId, uploadIds, importId, cancellationToken);

    /// <summary>After the import ended: removes the uploads and their files, unless the user keeps the originals.</summary>
    public async Task ReleaseAsync(string userId, IReadOnlyList<Guid> uploadIds, bool keepOriginals, CancellationToken cancellationToken)
    {
        if (keepOriginals)
        {
            return;
        }

        foreach (var uploadId in uploadIds)
        {
            await table.DeleteAsync(userId, uploadId, cancellationToken);
            spool.Remove(userId, uploadId);
        }
    }
}
