namespace Datapunk.Grains;

/// <summary>Visited places, most visited first; <see cref="Truncated"/> when more places than the limit matched.</summary>
[GenerateSerializer, Immutable, Alias("map-places")]
public sealed record MapPlaces([property: Id(0)] IReadOnlyList<VisitedPlace> Places, [property: Id(1)] bool Truncated);
