using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Benchmarks.Reading;

/// <summary>
/// A year (or years ending with 2023) of one person's location fixes, loaded straight into their
/// partitions with COPY: evenly spaced fixes, nights at home and weekdays at work in Berlin with GPS noise, weekend outings
/// within 30 km, and a week in each of four other cities. Deterministic (seeded), so runs compare.
/// </summary>
internal static class YearOfFixes
{
    public static readonly DateTime Start = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (double Lat, double Lng) Home = (52.5200, 13.4050);
    private static readonly (double Lat, double Lng) Work = (52.5010, 13.3900);

    private static readonly (int FirstDay, double Lat, double Lng)[] Trips =
        [(40, 48.1351, 11.5820), (130, 53.5511, 9.9937), (200, 48.8566, 2.3522), (300, 41.9028, 12.4964)];

    /// <summary>Creates the user's leaves for 2023, loads <paramref name="fixes"/> fixes, builds the indexes and analyses them.</summary>
    public static Task LoadAsync(NpgsqlDataSource dataSource, string userId, int fixes, CancellationToken cancellationToken) =>
        LoadAsync(dataSource, userId, fixes, years: 1, cancellationToken);

    /// <summary>The same over <paramref name="years"/> years ending with 2023, every year alike.</summary>
    public static async Task LoadAsync(NpgsqlDataSource dataSource, string userId, long fixes, int years, CancellationToken cancellationToken)
    {
        var first = Start.AddYears(1 - years);
        var partitions = new LocationPartitions(dataSource);
        await partitions.EnsureAsync(userId, [.. Enumerable.Range(0, 12 * years).Select(month => (first.Year * 12) + month)], cancellationToken);

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var copy = await connection.BeginTextImportAsync(
                "COPY timeseries.location_points (user_id, time, lat_e7, lng_e7, accuracy_m, source, file_id, position) FROM STDIN", cancellationToken);
            var random = new Random(2023);
            var step = (Start.AddYears(1) - first).Ticks / fixes;
            for (var i = 0L; i < fixes; i++)
            {
                var time = first.AddTicks(step * i);
                var (lat, lng) = Where(time, random);
                var (latE7, lngE7) = ((int)Math.Round(lat * 1e7), (int)Math.Round(lng * 1e7));
                await copy.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{userId}\t{time:yyyy-MM-dd HH:mm:ss.fff}+00\t{latE7}\t{lngE7}\t{random.Next(3, 40)}\tGPS\t0\tSRID=4326;POINT({lngE7 / 1e7} {latE7 / 1e7})"));
            }
        }

        await partitions.IndexUnindexedAsync(cancellationToken);
        await using var analyse = dataSource.CreateCommand("ANALYZE timeseries.location_points");
        analyse.CommandTimeout = 0;
        await analyse.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (double Lat, double Lng) Where(DateTime time, Random random)
    {
        var day = time.DayOfYear - 1;
        var hour = time.Hour + (time.Minute / 60.0);
        (double Lat, double Lng) anchor = Trips.FirstOrDefault(trip => day >= trip.FirstDay && day < trip.FirstDay + 7) is { Lat: not 0 } away
            ? (away.Lat, away.Lng)
            : time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
                ? Outing(day, hour)
                : hour is >= 8 and < 17 ? Work : Home;
        // GPS noise of a few tens of metres, more indoors.
        return (anchor.Lat + ((random.NextDouble() - 0.5) * 0.0008), anchor.Lng + ((random.NextDouble() - 0.5) * 0.0012));
    }

    // Weekend days: home at night, by day somewhere within about 30 km that depends on the day.
    private static (double Lat, double Lng) Outing(int day, double hour)
    {
        if (hour is < 10 or >= 19)
        {
            return Home;
        }

        var place = new Random(day);
        return (Home.Lat + ((place.NextDouble() - 0.5) * 0.5), Home.Lng + ((place.NextDouble() - 0.5) * 0.8));
    }
}
