namespace Datapunk.Grains;

/// <summary>A point to draw: one fix, or the mean position of the <see cref="Fixes"/> fixes of a grid cell and their time span.</summary>
[GenerateSerializer, Immutable, Alias("map-point")]
public sealed record MapPoint(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lng,
    [property: Id(2)] long Fixes,
    [property: Id(3)] DateTimeOffset FirstAt,
    [property: Id(4)] DateTimeOffset LastAt);
