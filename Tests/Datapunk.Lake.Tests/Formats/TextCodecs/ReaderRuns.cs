using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.TextCodecs;

/// <summary>Runs readers over raw bytes (non-UTF-8 fixtures cannot go through a string) and compares their output.</summary>
public static class ReaderRuns
{
    public static byte[] Fixture(params string[] relative) =>
        File.ReadAllBytes(Path.Combine([AppContext.BaseDirectory, "Fixtures", .. relative]));

    public static async Task<CollectingSink> ReadAsync(IExportFormatReader reader, byte[] content, int bytesPerRead = 64 * 1024, string path = "test")
    {
        var sink = new CollectingSink(path);
        await reader.ReadAsync(new TrickleStream(content, bytesPerRead), sink, TestContext.Current.CancellationToken);
        return sink;
    }

    public static Task<CollectingSink> ReadAsync(IExportFormatReader reader, string content, int bytesPerRead = 64 * 1024) =>
        ReadAsync(reader, Encoding.UTF8.GetBytes(content), bytesPerRead);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON as a person reads it: '+', umlauts and quotes unescaped, so expectations stay legible.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    /// <summary>Every field of every record and every warning, as one comparable string per record.</summary>
    public static List<string> Snapshot(CollectingSink sink) =>
    [
        .. sink.Records.Select(r => string.Join(" | ", r.Kind, r.Identity, r.OccurredAt?.ToString("O"), r.EndedAt?.ToString("O"), r.Title, r.Text, r.Url,
            r.LatitudeE7, r.LongitudeE7, r.Source?.ToJsonString())),
        .. sink.Warnings,
    ];
}
