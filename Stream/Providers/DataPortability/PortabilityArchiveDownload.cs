using System.Buffers;
using System.Net;
using Datapunk.Lake.Uploads;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.DataPortability;

/// <summary>
/// Downloads one archive of a complete job into one of the user's uploads, streaming (one buffer, never the
/// archive in memory) and resumably: the upload's writer syncs the file and records how far it got every
/// few megabytes, and the next slice asks the signed link for the rest (<c>Range</c>), or skips what it has
/// when the server answers the whole archive again. A slice ends at its deadline, or where the body was cut.
/// </summary>
internal sealed class PortabilityArchiveDownload(UploadStore uploads, UploadWriter writer)
{
    /// <summary>The user's upload of <paramref name="archive"/>, null when it has none yet or it expired or was removed.</summary>
    public async Task<Upload?> FindAsync(string userId, PortabilityArchive archive, CancellationToken cancellationToken) =>
        archive.UploadId is { } uploadId ? await uploads.GetAsync(userId, uploadId, cancellationToken) : null;

    /// <summary>
    /// Starts the download of the archive at <paramref name="url"/> into a new upload as long as its server says the
    /// archive is, and goes on as <see cref="ContinueAsync"/> does; returns the upload and the bytes it has.
    /// </summary>
    public async Task<(Upload Upload, long Received)> StartAsync(ProviderClient client, Uri url, string fileName, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var response = await client.OpenDownloadAsync(url, 0, cancellationToken);
        var length = response.Content.Headers.ContentLength
            ?? throw new ProviderResponseException($"Google's archive {url.AbsolutePath} came without a Content-Length; it cannot be downloaded resumably.");
        Upload upload;
        try
        {
            upload = await uploads.CreateAsync(client.Key.UserId, length, fileName, cancellationToken);
        }
        catch (Exception refused) when (refused is UploadTooLargeException or UploadConflictException)
        {
            // The user's spool is full (bytes or open uploads): the archive waits until the user makes room.
            throw new ArchiveImportDeferredException($"The spool does not take Google's archive of {length} bytes now: {refused.Message}", refused);
        }

        return (upload, await WriteAsync(url, upload, response, deadline, cancellationToken));
    }

    /// <summary>Downloads what <paramref name="upload"/> lacks until it is complete, the body ends or <paramref name="deadline"/> passes; returns the bytes it has then.</summary>
    public async Task<long> ContinueAsync(ProviderClient client, Uri url, Upload upload, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var response = await client.OpenDownloadAsync(url, upload.Received, cancellationToken);
        return await WriteAsync(url, upload, response, deadline, cancellationToken);
    }

    private async Task<long> WriteAsync(Uri url, Upload upload, HttpResponseMessage response, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (upload.Received > 0 && response.StatusCode != HttpStatusCode.PartialContent)
        {
            // The server ignored the Range: the archive comes from its first byte, and what is kept already is skipped.
            await SkipAsync(body, upload.Received, cancellationToken);
        }

        using var slice = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        slice.CancelAfter(deadline);
        try
        {
            return await writer.WriteAsync(upload.UserId, upload.UploadId, upload.Received, body, upload.Length - upload.Received, slice.Token);
        }
        catch (UploadConflictException conflict)
        {
            // A writer of a silo that died mid-download holds the upload until its lease runs out.
            throw new ProviderUnavailableException($"The download of {url.AbsolutePath} waits for an earlier writer's lease: {conflict.Message}", TimeSpan.FromSeconds(15), conflict);
        }
    }

    private static async Task SkipAsync(Stream body, long bytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (var left = bytes; left > 0;)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
                if (read == 0)
                {
                    throw new ProviderUnavailableException($"Google's archive ended before the {bytes} bytes already downloaded.");
                }

                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
