namespace Datapunk.Silo.Auth;

/// <summary>
/// Files only their owner can read (keys, tokens, sign-in links), written atomically: there is never a
/// moment with wider permissions or half the content.
/// </summary>
public static class PrivateFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/>. Without <paramref name="overwrite"/> an
    /// existing file wins and false is returned (another process created it first).
    /// </summary>
    public static bool Write(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(content);
        }

        try
        {
            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
