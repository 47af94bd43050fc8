using Datapunk.Lake.Uploads;

namespace Datapunk.Lake.Tables;

/// <summary>
/// Where a table upload's bytes wait while they are read: a file in the user's folder of the spool (so an
/// erasure removes a stray one), written as the request body arrives and bounded by
/// <see cref="UserTablesOptions.MaxFileBytes"/>, removed when the upload is done.
/// </summary>
public sealed class TableUploadFiles(UploadSpool spool, UserTablesOptions options)
{
    /// <summary>Copies <paramref name="body"/> to a new spool file and returns its path.</summary>
    /// <exception cref="TableTooLargeException">The body is larger than allowed; nothing is left on disk.</exception>
    public async Task<string> SpoolAsync(string userId, Stream body, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(spool.FolderOf(userId), "tables");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > options.MaxFileBytes)
                {
                    throw new TableTooLargeException(options.MaxFileBytes);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public static void Remove(string path) => File.Delete(path);
}
