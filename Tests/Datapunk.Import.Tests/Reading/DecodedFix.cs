using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace Datapunk.Import.Tests.Reading;

/// <summary>A feature of a map tile's <c>fixes</c> layer as NetTopologySuite's MVT reader decodes it: position in degrees and properties.</summary>
internal sealed record DecodedFix(double Lat, double Lng, long T, long? Acc, long Count)
{
    /// <summary>The features of an encoded tile z/x/y; fails unless it has exactly the one layer <c>fixes</c> of points.</summary>
    public static IReadOnlyList<DecodedFix> Decode(byte[] data, int z, int x, int y)
    {
        using var stream = new MemoryStream(data);
        var tile = new MapboxTileReader().Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
        tile.Layers.Select(layer => layer.Name).ShouldBe(["fixes"]);
        return [.. tile.Layers[0].Features.Select(feature =>
        {
            var point = feature.Geometry.ShouldBeOfType<Point>();
            var acc = feature.Attributes.GetOptionalValue("acc");
            return new DecodedFix(point.Y, point.X, Convert.ToInt64(feature.Attributes["t"], System.Globalization.CultureInfo.InvariantCulture),
                acc is null ? null : Convert.ToInt64(acc, System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(feature.Attributes["count"], System.Globalization.CultureInfo.InvariantCulture));
        })];
    }

    /// <summary>The tile at zoom <paramref name="z"/> that holds a position (the slippy-map formula).</summary>
    public static (int X, int Y) TileOf(double lat, double lng, int z)
    {
        var tiles = 1 << z;
        var x = (int)Math.Floor((lng + 180) / 360 * tiles);
        var radians = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(radians) + 1 / Math.Cos(radians)) / Math.PI) / 2 * tiles);
        return (x, y);
    }
}
