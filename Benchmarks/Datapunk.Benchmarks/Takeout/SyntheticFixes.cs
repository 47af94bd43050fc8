namespace Datapunk.Benchmarks.Takeout;

/// <summary>One generated fix, with the optional fields Records.json gives some fixes.</summary>
internal readonly record struct SyntheticFix(
    DateTime Time, long LatitudeE7, long LongitudeE7, int Accuracy, int? Altitude, int? VerticalAccuracy, int? Velocity, int? Heading, string Source);

/// <summary>
/// The fixes of a synthetic location history: one every 45 s from the first year on, wandering
/// around home and work, with the fields and accuracy spread of real exports. Deterministic, so
/// Records.json and a phone's export of the same months describe the same fixes.
/// </summary>
internal static class SyntheticFixes
{
    private static readonly string[] Sources = ["WIFI", "WIFI", "GPS", "CELL"];

    public static IEnumerable<SyntheticFix> Generate(long fixes, int firstYear)
    {
        var start = new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(20120101);
        var (lat, lng) = (523_000_000L, 133_000_000L);
        for (var i = 0L; i < fixes; i++)
        {
            lat += random.Next(-2_000, 2_001);
            lng += random.Next(-3_000, 3_001);
            var time = start.AddSeconds((i * 45) + random.Next(0, 30));
            var accuracy = random.Next(3, 120);
            int? altitude = null, verticalAccuracy = null, velocity = null, heading = null;
            if (i % 7 == 0)
            {
                altitude = random.Next(20, 80);
                verticalAccuracy = random.Next(2, 30);
            }

            if (i % 5 == 0)
            {
                velocity = random.Next(0, 30);
                heading = random.Next(0, 360);
            }

            yield return new SyntheticFix(time, lat, lng, accuracy, altitude, verticalAccuracy, velocity, heading, Sources[i % Sources.Length]);
        }
    }
}
