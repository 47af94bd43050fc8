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

    /// <summary>Reads <c>Fixtures/<paramref name="fixture"/></c> as if it were the entry at <paramref name="entryPath"/>.</summary>
    public static Task<CollectingSink> ReadFixtureAsync(IExportFormatReader reader, string fixture, string entryPath, int bytesPerRead = 4096) =>
        ReadAsync(reader, File.ReadAllText(FixturePath(fixture)), entryPath, bytesPerRead);

    public static async Task<CollectingSink> ReadFileAsync(IExportFormatReader reader, string file)
    {
        var sink = new CollectingSink(file);
        await using var stream = File.OpenRead(file);
        await reader.ReadAsync(stream, sink, CancellationToken.None);
        return sink;
    }

    /// <summary>A file of the Fixtures folder copied beside the tests: <c>&lt;format id&gt;/&lt;path in the export&gt;</c>.</summary>
    public static string FixturePath(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    /// <summary>Checks that a read in small pieces gave what one whole read gave: the same records, with the same sources.</summary>
    public static void ShouldReadTheSame(CollectingSink trickled, CollectingSink whole, string? customMessage = null)
    {
        trickled.Records.Select(r => r with { Source = null }).ShouldBe(whole.Records.Select(r => r with { Source = null }), customMessage);
        trickled.Records.Select(r => r.Source!.ToJsonString()).ShouldBe(whole.Records.Select(r => r.Source!.ToJsonString()), customMessage);
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
