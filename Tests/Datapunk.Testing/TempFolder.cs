namespace Datapunk.Testing;

/// <summary>A temporary folder removed with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("N"));

    /// <summary>The absolute path of <paramref name="relative"/> inside the folder, its parent folders created.</summary>
    public string File(string relative)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
