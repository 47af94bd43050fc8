namespace Datapunk.Lake.Tests.Support;

/// <summary>Runs a reader the way the importer does: detection on the head, then a streaming read.</summary>
public static class FormatHarness
{
    public static FormatMatch Detect(IExportFormatReader reader, string path, string content) =>
        reader.Detect(new EntrySample(path, Encoding.UTF8.GetBytes(content).AsMemory(0, Math.Min(EntrySample.HeadSize, Encoding.UTF8.GetByteCount(content))), null));

    public static async Task<CollectingSink> ReadAsync(IExportFormatReader reader, string content, string path = "test.json", int bytesPerRead = 4096)
    {
        var sink = new CollectingSink(path);
        await reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(content), bytesPerRead), sink, CancellationToken.None);
        return sink;
    }

    public static async Task<CollectingSink> ReadFileAsync(IExportFormatReader reader, string file)
    {
        var sink = new CollectingSink(file);
        await using var stream = File.OpenRead(file);
        await reader.ReadAsync(stream, sink, CancellationToken.None);
        return sink;
    }

    /// <summary>The shared real-export samples beside the repository, or null when this checkout has none.</summary>
    public static string? SharedSample(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "takeout-samples", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
