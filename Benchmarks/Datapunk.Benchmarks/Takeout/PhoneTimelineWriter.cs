using System.IO.Compression;
using System.Text.Json;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// A phone's on-device Timeline export (Android, 2024+) of <see cref="SyntheticFixes"/>
/// <c>first</c> to <c>last</c>: raw position signals with degrees as text at 6 decimals and local
/// times in whole seconds with their offset. Overlapping Records.json, its fixes are the same
/// fixes at a coarser precision, which the import must match rather than store again.
/// </summary>
internal static class PhoneTimelineWriter
{
    /// <summary>Writes (once; it is reused) a zip holding Timeline.json; returns its path.</summary>
    public static string Ensure(string folder, TakeoutShape shape, long first, long last, Action<string> progress)
    {
        var path = Path.Combine(folder, shape.Name, $"phone-timeline-{first}-{last}.zip");
        if (File.Exists(path))
        {
            return path;
        }

        var clock = Stopwatch.StartNew();
        var partial = path + ".partial";
        using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
        using (var stream = archive.CreateEntry("Timeline.json", CompressionLevel.Fastest).Open())
        {
            Write(stream, shape, first, last);
        }

        File.Move(partial, path, overwrite: true);
        progress($"generated a phone export of fixes {first:N0} to {last:N0} in {clock.Elapsed.TotalSeconds:0} s: {new FileInfo(path).Length >> 20:N0} MB");
        return path;
    }

    private static void Write(Stream output, TakeoutShape shape, long first, long last)
    {
        var offset = TimeSpan.FromHours(1);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartArray("semanticSegments");
        json.WriteEndArray();
        json.WriteStartArray("rawSignals");
        var i = 0L;
        foreach (var fix in SyntheticFixes.Generate(last + 1, shape.FirstYear).Skip((int)first))
        {
            json.WriteStartObject();
            json.WriteStartObject("position");
            json.WriteString("LatLng", $"{Degrees(fix.LatitudeE7)}°, {Degrees(fix.LongitudeE7)}°");
            json.WriteNumber("accuracyMeters", fix.Accuracy);
            json.WriteString("source", "WIFI");
            json.WriteString("timestamp", new DateTimeOffset(fix.Time).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss'.000'zzz", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
            if (i++ % 4096 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Degrees(long e7) => Math.Round(e7 / 10_000_000m, 6, MidpointRounding.AwayFromZero).ToString("F6", CultureInfo.InvariantCulture);
}
