namespace Datapunk.Benchmarks.Reading;

/// <summary>
/// The tiles a browser's map asks for to fill a viewport of <paramref name="Width"/> × <paramref name="Height"/>
/// pixels centred on a position at a zoom, with 256-pixel tiles (MapLibre's raster default; its
/// 512-pixel vector tiles would be fewer and larger).
/// </summary>
internal sealed record ViewportTiles(double Lat, double Lng, int Zoom, int Width, int Height)
{
    public IReadOnlyList<(int X, int Y)> Tiles()
    {
        var scale = 256.0 * (1 << Zoom);
        var radians = Lat * Math.PI / 180;
        var centreX = (Lng + 180) / 360 * scale;
        var centreY = (1 - Math.Log(Math.Tan(radians) + 1 / Math.Cos(radians)) / Math.PI) / 2 * scale;
        var last = (1 << Zoom) - 1;
        var (west, east) = ((int)Math.Floor((centreX - Width / 2.0) / 256), (int)Math.Floor((centreX + Width / 2.0) / 256));
        var (north, south) = ((int)Math.Floor((centreY - Height / 2.0) / 256), (int)Math.Floor((centreY + Height / 2.0) / 256));
        return [.. from x in Enumerable.Range(Math.Max(west, 0), Math.Min(east, last) - Math.Max(west, 0) + 1)
                   from y in Enumerable.Range(Math.Max(north, 0), Math.Min(south, last) - Math.Max(north, 0) + 1)
                   select (x, y)];
    }
}
