using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Location;

/// <summary>Reads location fixtures the way the importer does, with any read size, and compares whole reads.</summary>
internal static class LocationFixtures
{
    public static string PathOf(string formatId, string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", formatId, fileName);

    public static Task<byte[]> BytesAsync(IExportFormatReader reader, string fileName) =>
        File.ReadAllBytesAsync(PathOf(reader.FormatId, fileName), TestContext.Current.CancellationToken);

    public static async Task<CollectingSink> ReadAsync(IExportFormatReader reader, byte[] content, int bytesPerRead = 1 << 20)
    {
        var sink = new CollectingSink();
        await reader.ReadAsync(new TrickleStream(content, bytesPerRead), sink, TestContext.Current.CancellationToken);
        return sink;
    }

    public static Task<CollectingSink> ReadAsync(IExportFormatReader reader, string content, int bytesPerRead = 1 << 20) =>
        ReadAsync(reader, Encoding.UTF8.GetBytes(content), bytesPerRead);

    public static async Task<CollectingSink> ReadFixtureAsync(IExportFormatReader reader, string fileName, int bytesPerRead = 1 << 20) =>
        await ReadAsync(reader, await BytesAsync(reader, fileName), bytesPerRead);

    /// <summary>Reads with every read size from 1 to 7 bytes and checks each read gives what one big read gives.</summary>
    public static async Task ShouldReadTheSameAtEveryBufferBoundaryAsync(IExportFormatReader reader, byte[] content)
    {
        var expected = Describe(await ReadAsync(reader, content));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            Describe(await ReadAsync(reader, content, bytesPerRead)).ShouldBe(expected, $"reading {bytesPerRead} byte(s) at a time");
        }
    }

    /// <summary>Everything a sink received, as text, so two reads compare in one assertion.</summary>
    public static string Describe(CollectingSink sink) => string.Join(
        "\n",
        sink.Locations.Select(fix => fix.ToString())
            .Concat(sink.Records.Select(r => $"{r.Kind} {r.Identity} {r.OccurredAt:O} {r.EndedAt:O} {r.Title} {r.Text} {r.LatitudeE7} {r.LongitudeE7} {r.Source?.ToJsonString()}"))
            .Concat(sink.Warnings)
            .Concat(sink.UnknownFields.Select(field => $"{field.Path}={field.Example}"))
            .Append($"variant {sink.Variant}"));

    public static DateTime Utc(int year, int month, int day, int hour, int minute, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);
}
