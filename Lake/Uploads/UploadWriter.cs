using System.Buffers;
using System.Diagnostics;

namespace Datapunk.Lake.Uploads;

/// <summary>
/// Appends a request body to an upload (a tus PATCH), streaming, never holding more than one buffer.
/// The writer first takes the upload in <c>imports.uploads</c> (of two concurrent PATCHes one gets it,
/// the other a conflict); every few megabytes or every second it syncs the file to disk and only then
/// records the new offset, so the recorded offset never counts bytes a crash could lose. A body cut
/// short keeps what arrived; a writer whose lease was taken over stops without recording anything.
/// </summary>
public sealed class UploadWriter(UploadsTable table, UploadSpool spool, SpoolOptions options)
{
    private const int BufferBytes = 1 << 16;

    /// <summary>
    /// Writes <paramref name="body"/> at <paramref name="offset"/> and returns the offset recorded at the end.
    /// A body that ends early (the connection was cut) is not an error: the bytes that arrived are kept.
    /// </summary>
    /// <param name="declaredLength">The body's Content-Length, when the client sent one; checked before anything is written.</param>
    /// <exception cref="UploadNotFoundException">No such upload of this user.</exception>
    /// <exception cref="UploadConflictException">Wrong offset, finished upload, or another writer holds it.</exception>
    /// <exception cref="UploadTooLargeException">The body runs past the upload's length (the bytes up to it are kept).</exception>
    public async Task<long> WriteAsync(string userId, Guid uploadId, long offset, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        var upload = await table.GetAsync(userId, uploadId, CancellationToken.None);
        if (upload is null || upload.IsExpired(DateTimeOffset.UtcNow))
        {
            throw new UploadNotFoundException($"You have no upload {uploadId}; it may have expired or been deleted.");
        }

        CheckFits(upload, offset, declaredLength);
        var writer = Guid.NewGuid();
        if (!await table.TryTakeWriterAsync(userId, uploadId, offset, writer, options.WriterLease, CancellationToken.None))
        {
            var now = await table.GetAsync(userId, uploadId, CancellationToken.None);
            throw new UploadConflictException(now is { } current && current.Received != offset
                ? $"Upload-Offset {offset} does not match the {current.Received} bytes upload {uploadId} has; resume from {current.Received}."
                : $"Another request is writing upload {uploadId}; wait for it to end (or for its lease of {options.WriterLease.TotalSeconds:0.#} s to run out) and ask for the offset again.");
        }

        var progress = new WriteProgress(offset);
        try
        {
            await CopyAsync(upload, writer, body, progress, cancellationToken);
        }
        finally
        {
            await table.ReleaseWriterAsync(userId, uploadId, writer, CancellationToken.None);
        }

        return progress.Recorded;
    }

    private static void CheckFits(Upload upload, long offset, long? declaredLength)
    {
        if (upload.IsComplete)
        {
            throw new UploadConflictException($"Upload {upload.UploadId} is complete ({upload.Length} bytes); nothing more can be written to it.");
        }

        if (offset != upload.Received)
        {
            throw new UploadConflictException(
                $"Upload-Offset {offset} does not match the {upload.Received} bytes upload {upload.UploadId} has; resume from {upload.Received}.");
        }

        if (declaredLength is { } length && offset + length > upload.Length)
        {
            throw new UploadTooLargeException(
                $"{length} bytes at offset {offset} run past the upload's length of {upload.Length} bytes (Upload-Length).");
        }
    }

    private async Task CopyAsync(Upload upload, Guid writer, Stream body, WriteProgress progress, CancellationToken cancellationToken)
    {
        FileStream opened;
        try
        {
            opened = spool.OpenForWriting(upload.UserId, upload.UploadId, progress.Recorded);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new UploadConflictException(
                $"Another request still has upload {upload.UploadId} open (it stalled past its lease and has not noticed yet); ask for the offset and try again.", exception);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        await using var file = opened;
        var written = progress.Recorded;
        var sinceSync = Stopwatch.StartNew();
        try
        {
            while (written < upload.Length)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferBytes, upload.Length - written)), cancellationToken);
                }
                catch (Exception exception) when (exception is IOException or OperationCanceledException)
                {
                    // The connection was cut mid-body: keep what arrived (below), as tus asks.
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                written += read;
                if (written - progress.Recorded >= options.CheckpointBytes || sinceSync.Elapsed >= options.CheckpointInterval)
                {
                    await SyncAndRecordAsync(upload, writer, file, written, progress);
                    sinceSync.Restart();
                }
            }

            await SyncAndRecordAsync(upload, writer, file, written, progress);
            if (written == upload.Length && !cancellationToken.IsCancellationRequested && await body.ReadAsync(buffer.AsMemory(0, 1), cancellationToken) > 0)
            {
                throw new UploadTooLargeException($"The body ran past the upload's length of {upload.Length} bytes (Upload-Length); the bytes up to it were kept.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SyncAndRecordAsync(Upload upload, Guid writer, FileStream file, long written, WriteProgress progress)
    {
        if (written == progress.Recorded && written != upload.Length)
        {
            return;
        }

        file.Flush(flushToDisk: true);
        if (!await table.RecordAsync(upload.UserId, upload.UploadId, writer, written, options.WriterLease, options.Expiry, CancellationToken.None))
        {
            throw new UploadConflictException(
                $"This request lost upload {upload.UploadId} to another one (it stalled past its lease of {options.WriterLease.TotalSeconds:0.#} s); ask for the offset and resume.");
        }

        progress.Recorded = written;
    }

    private sealed class WriteProgress(long recorded)
    {
        public long Recorded { get; set; } = recorded;
    }
}
