namespace Datapunk.Grains;

/// <summary>
/// The gazetteer's nearest town to a position (GeoNames, offline; docs/cortex.md, "Places and local time").
/// </summary>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Admin">GeoNames' code of the first-level division (a state, a Land), where it has one.</param>
/// <param name="TimeZone">The IANA time zone at the place.</param>
/// <param name="DistanceKm">From the position to the place.</param>
[GenerateSerializer, Immutable, Alias("nearby-place")]
public sealed record NearbyPlace(
    [property: Id(0)] string Name,
    [property: Id(1)] string Country,
    [property: Id(2)] string? Admin,
    [property: Id(3)] string? TimeZone,
    [property: Id(4)] double DistanceKm);
