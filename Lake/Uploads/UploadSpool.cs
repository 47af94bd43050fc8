namespace Datapunk.Lake.Uploads;

/// <summary>
/// Where uploads are on disk: <c>{spool}/{user id}/{upload id}</c>. Nothing the caller sends
/// becomes part of a path: user ids follow <see cref="UserNames"/> and upload ids are the server's.
/// </summary>
public sealed class UploadSpool(SpoolOptions options)
{
    public string Root { get; } = System.IO.Path.GetFullPath(options.Path);

    public string FolderOf(string userId) =>
        UserNames.IsValid(userId)
            ? System.IO.Path.Combine(Root, userId)
            : throw new ArgumentException($"'{userId}' is not a valid user name: {UserNames.Rule}.", nameof(userId));

    public string FileOf(string userId, Guid uploadId) => System.IO.Path.Combine(FolderOf(userId), uploadId.ToString("N"));

    /// <summary>Removes an upload's file; a file (or user folder) already gone is fine.</summary>
    public void Remove(string userId, Guid uploadId)
    {
        try
        {
            File.Delete(FileOf(userId, uploadId));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing of this user in the spool: nothing to remove.
        }
    }

    /// <summary>
    /// The upload files in the spool, by owner, with when each was last written: what a user folder
    /// holds besides them (such as <c>tables/</c>) and names that are no upload id are left out.
    /// </summary>
    public IEnumerable<(string UserId, Guid UploadId, DateTime WrittenUtc)> Files()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var userId = System.IO.Path.GetFileName(folder);
            if (!UserNames.IsValid(userId))
            {
                continue;
            }

            foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
            {
                if (Guid.TryParseExact(file.Name, "N", out var uploadId))
                {
                    yield return (userId, uploadId, file.LastWriteTimeUtc);
                }
            }
        }
    }

    /// <summary>
    /// Opens the upload's file for writing at <paramref name="offset"/>, dropping anything past it (bytes
    /// a lost writer wrote but never recorded). The file is locked while open (an exclusive advisory
    /// lock on Unix, which NFS v4 carries across machines): a writer that stalled past its lease still
    /// holds it, so its successor cannot write under it, and it finds its lease gone before it records.
    /// </summary>
    /// <exception cref="IOException">Another writer has the file open.</exception>
    public FileStream OpenForWriting(string userId, Guid uploadId, long offset)
    {
        Directory.CreateDirectory(FolderOf(userId));
        var file = new FileStream(
            FileOf(userId, uploadId), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        try
        {
            if (file.Length < offset)
            {
                throw new IOException($"The spool file of upload {uploadId} holds {file.Length} bytes, fewer than the {offset} recorded; the spool lost data.");
            }

            file.SetLength(offset);
            file.Position = offset;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
