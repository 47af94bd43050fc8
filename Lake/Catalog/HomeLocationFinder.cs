using System.Globalization;
using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Flags a precise home location in a fixes dataset: where its fixes of the night (00:00 to 06:00 in the user's local
/// time, as Cortex's zone spans say, else UTC) cluster. Over the dataset's newest <see cref="CatalogLimits.QualityWindow"/>
/// fixes, the night fixes are counted per cell of 0.001° (about 100 m); the busiest cell is a home location when it holds
/// at least <see cref="MinimumFixes"/> night fixes and at least half of them.
/// </summary>
internal static class HomeLocationFinder
{
    public const int MinimumFixes = 10;

    private const string Sql = """
        WITH w AS (
            SELECT p.time, p.lat_e7, p.lng_e7 FROM timeseries.location_points p
            WHERE p.user_id = @user AND p.file_id = ANY(@files) AND p.time >= @last_at - interval '90 days' AND p.time <= @last_at
            ORDER BY p.time DESC LIMIT @limit),
        night AS (
            SELECT round(w.lat_e7 / 1e7, 3) AS lat, round(w.lng_e7 / 1e7, 3) AS lng FROM w
            WHERE extract(hour FROM w.time AT TIME ZONE coalesce(
                (SELECT z.zone FROM user_data.local_zone_spans z WHERE z.user_id = @user AND z.starts_at <= w.time AND z.ends_at > w.time LIMIT 1), 'UTC')) < 6)
        SELECT lat, lng, count(*), sum(count(*)) OVER () FROM night GROUP BY lat, lng ORDER BY count(*) DESC, lat, lng LIMIT 1
        """;

    public static async Task<PiiFieldFindings?> FindAsync(ReadTransaction read, string userId, DatasetFacts dataset, CancellationToken cancellationToken)
    {
        if (!dataset.Id.StartsWith("fixes:", StringComparison.Ordinal))
        {
            return null;
        }

        await using var command = DatasetParameters.Add(read.Command(Sql), userId, dataset, CatalogLimits.QualityWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (lat, lng, inCell, night) = (reader.GetDecimal(0), reader.GetDecimal(1), reader.GetInt64(2), (long)reader.GetDecimal(3));
        if (inCell < MinimumFixes || inCell * 2 < night)
        {
            return null;
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"{inCell} of {night} night fixes (00:00-06:00 local time) lie within about 100 m of {lat:0.000},{lng:0.000}");
        return new PiiFieldFindings("position", "home_location", inCell, night, note);
    }
}
