using System.Text.Json;

namespace Datapunk.Testing;

/// <summary>
/// A made-up person's location fixes with known facts, for the models' tests: home and work in Berlin
/// (1.4 km apart), the gym on Tuesday and Thursday evenings (18:00-19:30 local), a weekend trip to a
/// Munich hotel with a museum visit (Friday to Sunday of the third week), and one Sunday's 24 km hike
/// (the seventh week). Weeks start on Monday 2023-01-02; Berlin is on UTC+1 all of January to March,
/// so a local time is its UTC time plus one hour (a longer person crosses daylight saving, which the
/// models handle; the known facts are only asserted for the first ten weeks). Deterministic: the same
/// fixes every time.
/// </summary>
public sealed class SyntheticPerson(int weeks = 10, int stationaryMinutes = 5)
{
    public const string TimeZone = "Europe/Berlin";

    public static readonly GeoFix Home = new(52.5200, 13.4050);
    public static readonly GeoFix Work = new(52.5300, 13.3900);
    public static readonly GeoFix Gym = new(52.5080, 13.4250);
    public static readonly GeoFix Hotel = new(48.1372, 11.5756);
    public static readonly GeoFix Museum = new(48.1500, 11.5650);

    /// <summary>Where the hike turns back: 12 km north of home.</summary>
    public static readonly GeoFix Summit = new(52.5200 + 12 / 111.2, 13.4050);

    public static readonly DateOnly FirstDay = new(2023, 1, 2);

    private static readonly TimeSpan Offset = TimeSpan.FromHours(1);

    public int Weeks { get; } = weeks;

    public DateOnly HikeDay => FirstDay.AddDays(6 * 7 + 6);

    /// <summary>Friday to Sunday of the third week.</summary>
    public DateOnly TripStart => FirstDay.AddDays(2 * 7 + 4);

    /// <summary>Gym visits: Tuesdays and Thursdays of every week.</summary>
    public int GymVisits => Weeks * 2;

    /// <summary>Work visits: every weekday but the trip's Friday.</summary>
    public int WorkVisits => Weeks * 5 - (Weeks >= 3 ? 1 : 0);

    public IEnumerable<GeoFix> Fixes()
    {
        var jitter = new Random(42);
        for (var day = 0; day < Weeks * 7; day++)
        {
            var date = FirstDay.AddDays(day);
            foreach (var (from, to, start, end) in Plan(date))
            {
                var moving = from != to;
                var step = TimeSpan.FromMinutes(moving ? 1 : stationaryMinutes);
                for (var at = start; at < end; at += step)
                {
                    var share = moving ? (at - start) / (end - start) : 0;
                    // About 2 m of noise: a phone at rest does not report one point.
                    yield return new GeoFix(
                        from.Lat + (to.Lat - from.Lat) * share + (jitter.NextDouble() - 0.5) * 0.00004,
                        from.Lng + (to.Lng - from.Lng) * share + (jitter.NextDouble() - 0.5) * 0.00006,
                        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + at - Offset);
                }
            }
        }
    }

    /// <summary>Google's Records.json (location history) of <see cref="Fixes"/>.</summary>
    public void WriteRecordsJson(Stream output)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartArray("locations");
        foreach (var fix in Fixes())
        {
            json.WriteStartObject();
            json.WriteNumber("latitudeE7", (long)Math.Round(fix.Lat * 1e7));
            json.WriteNumber("longitudeE7", (long)Math.Round(fix.Lng * 1e7));
            json.WriteNumber("accuracy", 10);
            json.WriteString("timestamp", fix.Time!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The day's segments in local time from midnight: staying (from = to) or moving from one spot to another.</summary>
    private IEnumerable<(GeoFix From, GeoFix To, TimeSpan Start, TimeSpan End)> Plan(DateOnly date)
    {
        static TimeSpan H(double hours) => TimeSpan.FromHours(hours);
        var tripDay = date.DayNumber - TripStart.DayNumber;
        if (tripDay is 0)
        {
            return [(Home, Home, H(0), H(8)), (Home, Hotel, H(8), H(14)), (Hotel, Hotel, H(14), H(24))];
        }

        if (tripDay is 1)
        {
            return [(Hotel, Hotel, H(0), H(10)), (Hotel, Museum, H(10), H(10.25)), (Museum, Museum, H(10.25), H(14)), (Museum, Hotel, H(14), H(14.25)), (Hotel, Hotel, H(14.25), H(24))];
        }

        if (tripDay is 2)
        {
            return [(Hotel, Hotel, H(0), H(10)), (Hotel, Home, H(10), H(16)), (Home, Home, H(16), H(24))];
        }

        if (date == HikeDay)
        {
            return [(Home, Home, H(0), H(8)), (Home, Summit, H(8), H(12)), (Summit, Home, H(12), H(16)), (Home, Home, H(16), H(24))];
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return [(Home, Home, H(0), H(24))];
        }

        var morning = new[] { (Home, Home, H(0), H(8)), (Home, Work, H(8), H(8.5)), (Work, Work, H(8.5), H(17.5)) };
        return date.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday
            ? [.. morning, (Work, Gym, H(17.5), H(18)), (Gym, Gym, H(18), H(19.5)), (Gym, Home, H(19.5), H(20)), (Home, Home, H(20), H(24))]
            : [.. morning, (Work, Home, H(17.5), H(18)), (Home, Home, H(18), H(24))];
    }
}

/// <summary>A position in degrees, with the time of a fix (null for a known spot).</summary>
public sealed record GeoFix(double Lat, double Lng, DateTimeOffset? Time = null);
