using System.IO.Compression;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// Generates a synthetic Google Takeout of realistic shape in two zip parts (as Takeout splits
/// large exports): part 1 holds Records.json and My Activity, part 2 Semantic Location History and
/// the Gmail mbox. Generation is deterministic, so a Takeout of a given size is made once and reused.
/// </summary>
internal static class SyntheticTakeout
{
    public static async Task<IReadOnlyList<string>> EnsureAsync(string folder, TakeoutShape shape, Action<string> progress)
    {
        var directory = Path.Combine(folder, shape.Name);
        var parts = new[] { Path.Combine(directory, "takeout-20240101T000000Z-001.zip"), Path.Combine(directory, "takeout-20240101T000000Z-002.zip") };
        var done = Path.Combine(directory, "complete");
        if (File.Exists(done))
        {
            progress($"reusing the synthetic Takeout in {directory}");
            return parts;
        }

        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            Task.Run(() => WritePartOne(parts[0], shape)),
            Task.Run(() => WritePartTwo(parts[1], shape)));
        await File.WriteAllTextAsync(done, $"{shape}\n");
        progress($"generated {shape.Fixes:N0} fixes, {shape.ActivityEvents:N0} activity events, {shape.Emails:N0} e-mails in {clock.Elapsed.TotalSeconds:0} s: " +
            string.Join(", ", parts.Select(part => $"{Path.GetFileName(part)} {new FileInfo(part).Length / (1 << 20):N0} MB")));
        return parts;
    }

    private static void WritePartOne(string path, TakeoutShape shape)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(archive, "Takeout/Location History (Timeline)/Records.json", stream => RecordsJsonWriter.Write(stream, shape.RecordsJsonFixes, shape.FirstYear));
        Write(archive, "Takeout/My Activity/Search/MyActivity.json", stream => MyActivityWriter.WriteSearch(stream, shape.ActivityEvents / 2));
        Write(archive, "Takeout/My Activity/YouTube/MyActivity.json", stream => MyActivityWriter.WriteYouTube(stream, shape.ActivityEvents - (shape.ActivityEvents / 2)));
        Write(archive, "Takeout/archive_browser.html", stream => stream.Write("<html><body>Archive overview</body></html>"u8));
    }

    private static void WritePartTwo(string path, TakeoutShape shape)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        SemanticHistoryWriter.Write(shape, entry => archive.CreateEntry(entry, CompressionLevel.Fastest).Open());
        Write(archive, "Takeout/Mail/All mail Including Spam and Trash.mbox", stream => MboxWriter.Write(stream, shape.Emails));
    }

    private static void Write(ZipArchive archive, string entry, Action<Stream> write)
    {
        using var stream = archive.CreateEntry(entry, CompressionLevel.Fastest).Open();
        write(stream);
    }
}
