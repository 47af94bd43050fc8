namespace Datapunk.Grains;

/// <summary>
/// One tile of the map of the caller's fixes (<c>GET /api/v1/map/tiles/{z}/{x}/{y}.mvt</c>): the
/// web-mercator tile <see cref="X"/>, <see cref="Y"/> (from the north-west corner) at zoom
/// <see cref="Z"/>, over a time range (<see cref="To"/> excluded; open ends mean all time).
/// </summary>
[GenerateSerializer, Immutable, Alias("map-tile-query")]
public sealed record MapTileQuery(
    [property: Id(0)] int Z,
    [property: Id(1)] int X,
    [property: Id(2)] int Y,
    [property: Id(3)] DateTimeOffset? From,
    [property: Id(4)] DateTimeOffset? To);
