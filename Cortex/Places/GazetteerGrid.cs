namespace Datapunk.Cortex.Places;

/// <summary>
/// The gazetteer's places in memory, bucketed in cells of a quarter of a degree, for the nearest place
/// to a position by the distance on the sphere PostGIS uses for <c>geography</c> without its
/// spheroid (<c>ST_Distance(…, false)</c>, mean radius 6,371,008.8 m). Only ids and positions are kept
/// (about 20 bytes a place, under 3 MB for the set-up's 135,000); names are read by id. A KNN probe of
/// the GiST index cost PostgreSQL 0.2-0.3 ms a position, most of a timeline page's time.
/// </summary>
public sealed class GazetteerGrid
{
    private const double CellDegrees = 0.25;
    private const int LngCells = (int)(360 / CellDegrees);
    private const double EarthRadiusMetres = 6_371_008.8;
    private const double MetresPerDegree = EarthRadiusMetres * Math.PI / 180;

    // Places sorted by cell; a cell's places are _ids[start..start+count] with their positions beside them.
    private readonly int[] _ids;
    private readonly double[] _lats;
    private readonly double[] _lngs;
    private readonly Dictionary<int, (int Start, int Count)> _cells;

    public GazetteerGrid(IReadOnlyList<(int PlaceId, double Lat, double Lng)> places)
    {
        var sorted = places.OrderBy(place => CellOf(place.Lat, place.Lng)).ThenBy(place => place.PlaceId).ToArray();
        _ids = [.. sorted.Select(place => place.PlaceId)];
        _lats = [.. sorted.Select(place => place.Lat)];
        _lngs = [.. sorted.Select(place => place.Lng)];
        _cells = [];
        for (var i = 0; i < sorted.Length; i++)
        {
            var cell = CellOf(sorted[i].Lat, sorted[i].Lng);
            _cells[cell] = _cells.TryGetValue(cell, out var run) ? (run.Start, run.Count + 1) : (i, 1);
        }
    }

    public int Count => _ids.Length;

    /// <summary>The nearest place to (<paramref name="lat"/>, <paramref name="lng"/>) within <paramref name="withinMetres"/>, the lower id on a tie; null when none is that near.</summary>
    public (int PlaceId, double Metres)? Nearest(double lat, double lng, double withinMetres)
    {
        var reachDegrees = withinMetres / MetresPerDegree;
        var south = Math.Max(-90, lat - reachDegrees);
        var north = Math.Min(90, lat + reachDegrees);
        // A degree of longitude is shortest at the latitude of the range farthest from the equator.
        var widest = Math.Cos(Math.Min(Math.Max(Math.Abs(south), Math.Abs(north)), 90) * Math.PI / 180);
        var lngReach = widest < 1e-9 ? 180 : Math.Min(180, reachDegrees / widest);
        var (westCell, eastCell) = lngReach >= 180
            ? (0, LngCells - 1)
            : ((int)Math.Floor((lng - lngReach) / CellDegrees), (int)Math.Floor((lng + lngReach) / CellDegrees));

        (int PlaceId, double Metres)? best = null;
        for (var row = LatCell(south); row <= LatCell(north); row++)
        {
            for (var column = westCell; column <= eastCell; column++)
            {
                if (!_cells.TryGetValue(Key(row, Wrap(column)), out var run))
                {
                    continue;
                }

                for (var i = run.Start; i < run.Start + run.Count; i++)
                {
                    var metres = DistanceMetres(lat, lng, _lats[i], _lngs[i]);
                    if (metres <= withinMetres && (best is null || metres < best.Value.Metres || (metres == best.Value.Metres && _ids[i] < best.Value.PlaceId)))
                    {
                        best = (_ids[i], metres);
                    }
                }
            }
        }

        return best;
    }

    /// <summary>The great-circle distance in metres (haversine), as PostGIS measures <c>geography</c> on the sphere.</summary>
    public static double DistanceMetres(double lat1, double lng1, double lat2, double lng2)
    {
        const double radians = Math.PI / 180;
        var dLat = (lat2 - lat1) * radians;
        var dLng = (lng2 - lng1) * radians;
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(lat1 * radians) * Math.Cos(lat2 * radians) * Math.Pow(Math.Sin(dLng / 2), 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static int CellOf(double lat, double lng) => Key(LatCell(lat), Wrap((int)Math.Floor(lng / CellDegrees)));

    private static int LatCell(double lat) => (int)Math.Floor(Math.Min(lat, 89.999999) / CellDegrees);

    private static int Wrap(int column) => ((column % LngCells) + LngCells) % LngCells;

    private static int Key(int row, int column) => (row * LngCells) + column;
}
