namespace Datapunk.Grains;

/// <summary>
/// How to split a place: by time (stays from <paramref name="At"/> on become a new place) or by
/// distance (its stays clustered again with <paramref name="RadiusMetres"/>); exactly one is given.
/// </summary>
[GenerateSerializer, Immutable, Alias("place-split")]
public sealed record PlaceSplit([property: Id(0)] DateTimeOffset? At = null, [property: Id(1)] double? RadiusMetres = null);
