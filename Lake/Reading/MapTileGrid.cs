namespace Datapunk.Lake.Reading;

/// <summary>
/// A web-mercator tile in the stored E7 integers: the fixes it holds (<see cref="MinLngE7"/> to
/// <see cref="MaxLngE7"/>, <see cref="MinLatE7"/> to <see cref="MaxLatE7"/>, all included) and the
/// grid of <see cref="Cells"/> × <see cref="Cells"/> cells that thins a tile with many fixes. Each edge
/// belongs to one tile only (the west and north edges are the tile's own, as the tile's pixel
/// coordinates count from its north-west corner), so every fix is in exactly one tile of a zoom. The
/// grid's rows are equal in mercator, not in degrees: <see cref="RowBoundsE7"/> are the latitudes
/// between them, south to north, which <c>width_bucket</c> looks fixes up in without any
/// trigonometry per fix.
/// </summary>
public sealed record MapTileGrid(int Z, int X, int Y, int MinLngE7, int MaxLngE7, int MinLatE7, int MaxLatE7, int[] RowBoundsE7)
{
    /// <summary>The tile's coordinate space, as MVT readers expect (4096 units a side).</summary>
    public const int Extent = 4096;

    /// <summary>
    /// Cells a side of the thinning grid: 64 × 64 features at most (as many as a tile sends single fixes),
    /// 8 pixels each on the web app's 512-pixel tiles, about the size of the circle drawn for each. A
    /// thinned tile is at most a quarter of the bytes 128 cells made (about 100 KB instead of 400 KB);
    /// drawing a year's map in Chromium without a GPU measured the same either way (four alternating
    /// runs of `bench browser` on the loaded machine, 1.5-1.9 s each).
    /// </summary>
    public const int Cells = 64;

    public static MapTileGrid For(int z, int x, int y)
    {
        var tiles = (double)(1L << z);
        var west = x / tiles * 360 - 180;
        var east = (x + 1) / tiles * 360 - 180;
        var north = Latitude(y / tiles);
        var south = Latitude((y + 1) / tiles);
        // lng in [west, east) and lat in (south, north], as whole E7 units.
        var rows = Enumerable.Range(1, Cells - 1).Reverse().Select(row => (int)Math.Floor(Latitude((y + (double)row / Cells) / tiles) * 1e7)).ToArray();
        return new MapTileGrid(z, x, y,
            (int)Math.Ceiling(west * 1e7), (int)Math.Ceiling(east * 1e7) - 1,
            (int)Math.Floor(south * 1e7) + 1, (int)Math.Floor(north * 1e7), rows);
    }

    /// <summary>The latitude in degrees of a mercator y given as a fraction of the world's height from the north.</summary>
    private static double Latitude(double mercatorY) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * mercatorY))) * 180 / Math.PI;
}
