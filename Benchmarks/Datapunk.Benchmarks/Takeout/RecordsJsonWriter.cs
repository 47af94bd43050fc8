using System.Text.Json;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// Records.json (location history generation 2): one object with a single <c>locations</c> array,
/// written as one line the way Takeout writes it. A fix every 45 s from the first year on, wandering around
/// home and work, with the fields and accuracy spread of real exports.
/// </summary>
internal static class RecordsJsonWriter
{
    private static readonly string[] Sources = ["WIFI", "WIFI", "GPS", "CELL"];

    public static void Write(Stream output, long fixes, int firstYear)
    {
        var start = new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(20120101);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartArray("locations");
        var (lat, lng) = (523_000_000L, 133_000_000L);
        for (var i = 0L; i < fixes; i++)
        {
            lat += random.Next(-2_000, 2_001);
            lng += random.Next(-3_000, 3_001);
            var time = start.AddSeconds((i * 45) + random.Next(0, 30));
            json.WriteStartObject();
            json.WriteNumber("latitudeE7", lat);
            json.WriteNumber("longitudeE7", lng);
            json.WriteNumber("accuracy", random.Next(3, 120));
            if (i % 7 == 0)
            {
                json.WriteNumber("altitude", random.Next(20, 80));
                json.WriteNumber("verticalAccuracy", random.Next(2, 30));
            }

            if (i % 5 == 0)
            {
                json.WriteNumber("velocity", random.Next(0, 30));
                json.WriteNumber("heading", random.Next(0, 360));
            }

            json.WriteString("source", Sources[i % Sources.Length]);
            json.WriteNumber("deviceTag", 1_840_395_123);
            json.WriteString("platformType", "ANDROID");
            json.WriteString("timestamp", time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            if (i % 4096 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
