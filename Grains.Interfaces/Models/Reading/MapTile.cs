namespace Datapunk.Grains;

/// <summary>
/// A Mapbox Vector Tile of the caller's fixes: layer <c>fixes</c>, one point feature per fix or, in a
/// tile with many, per occupied cell of a grid over the tile (<see cref="Thinned"/>).
/// </summary>
/// <param name="Data">The encoded tile; empty when the tile has no fixes.</param>
/// <param name="Fixes">The fixes in the tile and range, all of them, whatever the features are.</param>
/// <param name="Features">The point features in <see cref="Data"/>.</param>
[GenerateSerializer, Immutable, Alias("map-tile")]
public sealed record MapTile(
    [property: Id(0)] byte[] Data,
    [property: Id(1)] long Fixes,
    [property: Id(2)] int Features,
    [property: Id(3)] bool Thinned);
