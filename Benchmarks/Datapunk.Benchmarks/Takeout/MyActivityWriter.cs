using System.Text.Json;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// My Activity in JSON: Search activity (activity events) in <c>My Activity/Search/MyActivity.json</c>
/// and YouTube watches and searches in <c>My Activity/YouTube/MyActivity.json</c>, half each.
/// </summary>
internal static class MyActivityWriter
{
    public static readonly DateTime Start = new(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Words = ["weather", "train", "recipe", "football", "python", "munich", "concert", "flights", "news", "maps"];

    public static void WriteSearch(Stream output, long events)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        for (var i = 0L; i < events; i++)
        {
            var query = $"{Words[i % Words.Length]} {i}";
            json.WriteStartObject();
            json.WriteString("header", "Search");
            json.WriteString("title", $"Searched for {query}");
            json.WriteString("titleUrl", $"https://www.google.com/search?q={Uri.EscapeDataString(query)}");
            json.WriteString("time", Time(i));
            WriteProducts(json, "Search", "Web & App Activity");
            json.WriteEndObject();
            Flush(json, i);
        }

        json.WriteEndArray();
    }

    public static void WriteYouTube(Stream output, long events)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        for (var i = 0L; i < events; i++)
        {
            json.WriteStartObject();
            json.WriteString("header", "YouTube");
            if (i % 10 < 7)
            {
                var video = $"v{i:D10}";
                json.WriteString("title", $"Watched Synthetic video {i}");
                json.WriteString("titleUrl", $"https://www.youtube.com/watch?v={video}");
                json.WriteStartArray("subtitles");
                json.WriteStartObject();
                json.WriteString("name", $"Channel {i % 997}");
                json.WriteString("url", $"https://www.youtube.com/channel/UC{i % 997:D20}");
                json.WriteEndObject();
                json.WriteEndArray();
            }
            else
            {
                var query = $"{Words[i % Words.Length]} video {i}";
                json.WriteString("title", $"Searched for {query}");
                json.WriteString("titleUrl", $"https://www.youtube.com/results?search_query={Uri.EscapeDataString(query)}");
            }

            json.WriteString("time", Time(i));
            WriteProducts(json, "YouTube", "YouTube watch history");
            json.WriteEndObject();
            Flush(json, i);
        }

        json.WriteEndArray();
    }

    private static void WriteProducts(Utf8JsonWriter json, string product, string control)
    {
        json.WriteStartArray("products");
        json.WriteStringValue(product);
        json.WriteEndArray();
        json.WriteStartArray("activityControls");
        json.WriteStringValue(control);
        json.WriteEndArray();
    }

    private static string Time(long i) => Start.AddSeconds(i * 97).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Flush(Utf8JsonWriter json, long i)
    {
        if (i % 1024 == 0)
        {
            json.Flush();
        }
    }
}
