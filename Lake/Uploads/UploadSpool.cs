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

    /// <summary>Removes an upload's file; a file already gone is fine.</summary>
    public void Remove(string userId, Guid uploadId) => File.Delete(FileOf(userId, uploadId));

    /// <summary>Opens the upload's file for writing at <paramref name="offset"/>, dropping anything past it (bytes a lost writer wrote but never recorded).</summary>
    public FileStream OpenForWriting(string userId, Guid uploadId, long offset)
    {
        Directory.CreateDirectory(FolderOf(userId));
        var file = new FileStream(
            FileOf(userId, uploadId), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
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
