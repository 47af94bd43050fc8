namespace Datapunk.Lake.Reading;

/// <summary>
/// The grid that simplifies a box's fixes to at most a number of points: columns × rows ≤ that
/// number, cells about square on the ground (a degree of longitude shrinks with the cosine of the
/// latitude), every fix in exactly one cell. Cells are computed on the stored E7 integers.
/// </summary>
public sealed record MapGrid(int Columns, int Rows, long MinLngE7, long MinLatE7, long CellWidthE7, long CellHeightE7)
{
    public static MapGrid For(BoundingBox box, int maxCells)
    {
        var width = Math.Max(box.MaxLng - box.MinLng, 1e-7);
        var height = Math.Max(box.MaxLat - box.MinLat, 1e-7);
        var groundAspect = width * Math.Max(Math.Cos((box.MinLat + box.MaxLat) / 2 * Math.PI / 180), 0.01) / height;
        var columns = Math.Clamp((int)Math.Floor(Math.Sqrt(maxCells * groundAspect)), 1, maxCells);
        var rows = Math.Max(1, maxCells / columns);
        // Whole E7 units, rounded up: the database divides integers, and the last cells reach the box's far edges.
        return new MapGrid(columns, rows, ToE7(box.MinLng), ToE7(box.MinLat), (long)Math.Ceiling(width * 1e7 / columns), (long)Math.Ceiling(height * 1e7 / rows));
    }

    public MapSimplification Describe() => new("grid", Columns, Rows, CellWidthE7 / 1e7, CellHeightE7 / 1e7);

    private static long ToE7(double degrees) => (long)Math.Floor(degrees * 1e7);
}
