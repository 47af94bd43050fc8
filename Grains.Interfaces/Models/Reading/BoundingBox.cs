namespace Datapunk.Grains;

/// <summary>A map's visible box in WGS 84 degrees, west to east and south to north (boundaries included).</summary>
[GenerateSerializer, Immutable, Alias("bounding-box")]
public sealed record BoundingBox(
    [property: Id(0)] double MinLng,
    [property: Id(1)] double MinLat,
    [property: Id(2)] double MaxLng,
    [property: Id(3)] double MaxLat);
