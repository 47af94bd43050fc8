using System.Text.Json.Nodes;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.MyActivity;

/// <summary>Fixture paths and byte-exact reads (BOM kept) for the activity, YouTube and Chrome reader tests.</summary>
public static class FixtureFiles
{
    public static string Path(string formatId, string relative) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", formatId, relative);

    public static async Task<CollectingSink> ReadAsync(IExportFormatReader reader, string formatId, string relative, int bytesPerRead = 64 << 10)
    {
        var path = Path(formatId, relative);
        return await ReadBytesAsync(reader, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), bytesPerRead, path);
    }

    public static async Task<CollectingSink> ReadBytesAsync(IExportFormatReader reader, byte[] content, int bytesPerRead, string path = "test")
    {
        var sink = new CollectingSink(path);
        await reader.ReadAsync(new TrickleStream(content, bytesPerRead), sink, TestContext.Current.CancellationToken);
        return sink;
    }

    /// <summary>What identifies a read for comparisons between chunkings: kind, identity, time, title and URL of every record.</summary>
    public static List<string> Summary(CollectingSink sink) =>
        [.. sink.Records.Select(r => $"{r.Kind}|{r.Identity}|{r.OccurredAt:O}|{r.Title}|{r.Url}|{r.Text}")];

    /// <summary>The flags Datapunk put in the record's source ("ad", "deletedVideo", "communityPost").</summary>
    public static List<string> Flags(PersonalRecord record) =>
        (record.Source?["datapunk"]?["flags"] as JsonArray)?.Select(f => f!.GetValue<string>()).ToList() ?? [];

    /// <summary>A string Datapunk put in the record's source, or null.</summary>
    public static string? Annotation(PersonalRecord record, string key) => record.Source?["datapunk"]?[key]?.GetValue<string>();

    public static DateTime Utc(int year, int month, int day, int hour, int minute, int second, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);
}
