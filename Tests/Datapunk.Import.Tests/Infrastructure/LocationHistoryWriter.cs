using System.Globalization;
using System.Text.Json;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// Writes Records.json (location history generation 2) with deterministic fixes, streaming, so a
/// test can make millions of them without holding them. Fix <c>i</c> is the same in every file
/// written, which is what overlapping exports need.
/// </summary>
internal static class LocationHistoryWriter
{
    public static readonly DateTime Start = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The deviceTag every written fix carries.</summary>
    public const int DeviceTag = 1_234_567;

    private static readonly string[] Sources = ["WIFI", "GPS", "CELL"];

    /// <summary>Fixes <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1, one every 20 s.</summary>
    public static void Write(Stream output, long first, long count) => Write(output, (first, count));

    /// <summary>The fixes of each range in turn (ranges may overlap: the file then holds duplicates).</summary>
    public static void Write(Stream output, params (long First, long Count)[] ranges)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartArray("locations");
        foreach (var (first, count) in ranges)
        {
            WriteFixes(json, first, count);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static byte[] Bytes(params (long First, long Count)[] ranges)
    {
        using var buffer = new MemoryStream();
        Write(buffer, ranges);
        return buffer.ToArray();
    }

    public static DateTime Time(long i) => Start.AddSeconds(i * 20);

    private static void WriteFixes(Utf8JsonWriter json, long first, long count)
    {
        for (var i = first; i < first + count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("latitudeE7", 473_000_000 + (i * 37 % 1_000_000));
            json.WriteNumber("longitudeE7", 85_000_000 + (i * 91 % 1_000_000));
            json.WriteNumber("accuracy", 5 + (i % 50));
            json.WriteString("source", Sources[i % Sources.Length]);
            json.WriteNumber("deviceTag", DeviceTag);
            json.WriteString("timestamp", Time(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            if (i % 10_000 == 0)
            {
                json.Flush();
            }
        }
    }
}
