namespace Datapunk.Grains;

/// <summary>The places of the promoted version (null and empty before any), most dwell first.</summary>
[GenerateSerializer, Immutable, Alias("place-list")]
public sealed record PlaceList([property: Id(0)] int? Version, [property: Id(1)] IReadOnlyList<SignificantPlace> Places);
