namespace Datapunk.Grains;

/// <summary>
/// The points to draw: every fix in time order when there are at most the limit, otherwise one
/// point per occupied cell of a grid laid over the box (<see cref="Simplification"/> says how).
/// </summary>
/// <param name="Fixes">The fixes in the box and range, all of them, whatever was returned.</param>
[GenerateSerializer, Immutable, Alias("map-points")]
public sealed record MapPoints(
    [property: Id(0)] long Fixes,
    [property: Id(1)] IReadOnlyList<MapPoint> Points,
    [property: Id(2)] MapSimplification? Simplification);
