namespace Datapunk.Grains;

/// <summary>A position in WGS 84 degrees.</summary>
[GenerateSerializer, Immutable, Alias("geo-point")]
public sealed record GeoPoint([property: Id(0)] double Lat, [property: Id(1)] double Lng);
