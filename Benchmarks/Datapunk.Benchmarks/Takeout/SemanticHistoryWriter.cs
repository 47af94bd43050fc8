using System.Text.Json;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// Semantic Location History: one file per month (<c>YYYY/YYYY_MONTH.json</c>) of timeline objects,
/// each an activity segment whose <c>simplifiedRawPath</c> holds timestamped points, followed by the
/// place visit where it ended. Its fixes come after Records.json's (ten years later), so none repeat.
/// </summary>
internal static class SemanticHistoryWriter
{
    private static readonly string[] MonthNames =
        ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

    /// <summary>Writes every month through <paramref name="openMonth"/> (entry path → stream); returns the months written.</summary>
    public static int Write(TakeoutShape shape, Func<string, Stream> openMonth)
    {
        var random = new Random(20220101);
        var segment = 0L;
        var months = 0;
        var time = new DateTime(shape.FirstYear + 10, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        while (segment < shape.Segments)
        {
            var month = new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var path = $"Takeout/Location History (Timeline)/Semantic Location History/{month.Year}/{month.Year}_{MonthNames[month.Month - 1]}.json";
            using (var stream = openMonth(path))
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteStartArray("timelineObjects");
                while (segment < shape.Segments && time < month.AddMonths(1))
                {
                    time = WriteSegment(json, random, shape.PointsPerSegment, time, segment++);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            months++;
        }

        return months;
    }

    private static DateTime WriteSegment(Utf8JsonWriter json, Random random, int points, DateTime start, long segment)
    {
        var (lat, lng) = (481_000_000L + (segment % 500 * 1_000), 115_000_000L + (segment % 300 * 1_000));
        var end = start.AddSeconds(points * 10);
        json.WriteStartObject();
        json.WriteStartObject("activitySegment");
        WriteLocation(json, "startLocation", lat, lng);
        WriteLocation(json, "endLocation", lat + 50_000, lng + 50_000);
        WriteDuration(json, start, end);
        json.WriteNumber("distance", random.Next(500, 20_000));
        json.WriteString("activityType", segment % 3 == 0 ? "IN_PASSENGER_VEHICLE" : "WALKING");
        json.WriteString("confidence", "HIGH");
        json.WriteStartObject("simplifiedRawPath");
        json.WriteStartArray("points");
        for (var i = 0; i < points; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("latE7", lat + (i * 800));
            json.WriteNumber("lngE7", lng + (i * 800));
            json.WriteString("timestamp", Iso(start.AddSeconds(i * 10)));
            json.WriteNumber("accuracyMeters", random.Next(3, 40));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();

        var leave = end.AddMinutes(random.Next(5, 16));
        json.WriteStartObject();
        json.WriteStartObject("placeVisit");
        json.WriteStartObject("location");
        json.WriteNumber("latitudeE7", lat + 50_000);
        json.WriteNumber("longitudeE7", lng + 50_000);
        json.WriteString("placeId", $"ChIJ{segment % 5_000:D8}synthetic");
        json.WriteString("address", $"{segment % 5_000} Example Street, Munich");
        json.WriteString("name", $"Place {segment % 5_000}");
        json.WriteEndObject();
        WriteDuration(json, end, leave);
        json.WriteString("placeConfidence", "HIGH_CONFIDENCE");
        json.WriteEndObject();
        json.WriteEndObject();
        if (segment % 64 == 0)
        {
            json.Flush();
        }

        return leave;
    }

    private static void WriteLocation(Utf8JsonWriter json, string name, long lat, long lng)
    {
        json.WriteStartObject(name);
        json.WriteNumber("latitudeE7", lat);
        json.WriteNumber("longitudeE7", lng);
        json.WriteEndObject();
    }

    private static void WriteDuration(Utf8JsonWriter json, DateTime start, DateTime end)
    {
        json.WriteStartObject("duration");
        json.WriteString("startTimestamp", Iso(start));
        json.WriteString("endTimestamp", Iso(end));
        json.WriteEndObject();
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
