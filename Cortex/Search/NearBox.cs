namespace Datapunk.Cortex.Search;

/// <summary>
/// A box in degrees holding every point within a radius of a centre, so that an index of positions
/// can narrow a search before the exact distance on the spheroid decides. Conservative: a degree of
/// latitude is at least 110,574 m on WGS 84 and a degree of longitude at least 111,320 m times the
/// cosine of the latitude, and the radius gets 1 % more.
/// </summary>
internal sealed record NearBox(double West, double South, double East, double North)
{
    private const double MinMetresPerDegreeLatitude = 110_574;

    private const double MetresPerDegreeLongitudeAtEquator = 111_320;

    /// <summary>The box, or null when the circle holds a pole or crosses the antimeridian (no simple box then).</summary>
    public static NearBox? Around(GeoPoint centre, double radiusMeters)
    {
        var reach = radiusMeters * 1.01;
        var latitudes = reach / MinMetresPerDegreeLatitude;
        var (south, north) = (centre.Lat - latitudes, centre.Lat + latitudes);
        if (south <= -90 || north >= 90)
        {
            return null;
        }

        var farthestFromEquator = Math.Max(Math.Abs(south), Math.Abs(north)) * Math.PI / 180;
        var longitudes = reach / (MetresPerDegreeLongitudeAtEquator * Math.Cos(farthestFromEquator));
        var (west, east) = (centre.Lng - longitudes, centre.Lng + longitudes);
        return west < -180 || east > 180 ? null : new NearBox(west, south, east, north);
    }
}
