using System.Text.Json;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// Records.json (location history generation 2): one object with a single <c>locations</c> array,
/// written as one line the way Takeout writes it, of <see cref="SyntheticFixes"/>.
/// </summary>
internal static class RecordsJsonWriter
{
    public static void Write(Stream output, long fixes, int firstYear)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartArray("locations");
        var i = 0L;
        foreach (var fix in SyntheticFixes.Generate(fixes, firstYear))
        {
            json.WriteStartObject();
            json.WriteNumber("latitudeE7", fix.LatitudeE7);
            json.WriteNumber("longitudeE7", fix.LongitudeE7);
            json.WriteNumber("accuracy", fix.Accuracy);
            if (fix.Altitude is { } altitude)
            {
                json.WriteNumber("altitude", altitude);
                json.WriteNumber("verticalAccuracy", fix.VerticalAccuracy!.Value);
            }

            if (fix.Velocity is { } velocity)
            {
                json.WriteNumber("velocity", velocity);
                json.WriteNumber("heading", fix.Heading!.Value);
            }

            json.WriteString("source", fix.Source);
            json.WriteNumber("deviceTag", 1_840_395_123);
            json.WriteString("platformType", "ANDROID");
            json.WriteString("timestamp", fix.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            if (i++ % 4096 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
