namespace Datapunk.Grains;

/// <summary>A box and time range of a map: its fixes (<c>GET /api/v1/map/points</c>) or its visited places (<c>/map/places</c>).</summary>
/// <param name="Limit">The most points (places) to return; more fixes than this are simplified, more places cut.</param>
[GenerateSerializer, Immutable, Alias("map-query")]
public sealed record MapQuery(
    [property: Id(0)] BoundingBox Box,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] int Limit);
