namespace Datapunk.Grains;

/// <summary>
/// Where and when the caller's fixes in a time range are (<c>GET /api/v1/map/extent</c>), so a map can
/// fit them: <see cref="Box"/> and the times are null when there are none.
/// </summary>
[GenerateSerializer, Immutable, Alias("map-extent")]
public sealed record MapExtent(
    [property: Id(0)] long Fixes,
    [property: Id(1)] BoundingBox? Box,
    [property: Id(2)] DateTimeOffset? FirstAt,
    [property: Id(3)] DateTimeOffset? LastAt);
