namespace Datapunk.Lake.Catalog;

/// <summary>The haversine distance in metres between two points given in degrees, as a SQL expression: cheaper than geography per pair of a window.</summary>
internal static class GreatCircleSql
{
    public static string Metres(string lat1, string lng1, string lat2, string lng2) =>
        // least() ignores nulls: without the guard a missing point would be half the world away.
        $"(CASE WHEN ({lat1}) IS NOT NULL AND ({lat2}) IS NOT NULL THEN 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(({lat2}) - ({lat1})) / 2), 2) + " +
        $"cos(radians({lat1})) * cos(radians({lat2})) * power(sin(radians(({lng2}) - ({lng1})) / 2), 2)))) END)";
}
