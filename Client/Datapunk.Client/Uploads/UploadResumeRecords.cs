using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Client.Uploads;

/// <summary>
/// Where an unfinished upload of a file is remembered between runs: one small file per local file,
/// named by a hash of its full path, size and modification time (a changed file starts afresh),
/// holding the upload's URL.
/// </summary>
internal sealed class UploadResumeRecords(string folder)
{
    public Uri? Find(FileInfo file) =>
        File.Exists(RecordOf(file)) && Uri.TryCreate(File.ReadAllText(RecordOf(file)).Trim(), UriKind.RelativeOrAbsolute, out var url) ? url : null;

    public void Remember(FileInfo file, Uri upload)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(RecordOf(file), upload.ToString());
    }

    public void Forget(FileInfo file) => File.Delete(RecordOf(file));

    private string RecordOf(FileInfo file)
    {
        var identity = $"{file.FullName}\n{file.Length}\n{file.LastWriteTimeUtc.Ticks}";
        return Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity))) + ".upload");
    }
}
