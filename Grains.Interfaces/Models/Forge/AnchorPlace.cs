namespace Datapunk.Grains;

/// <summary>Home or work: the place, how sure the model is (0-1) and why, in words.</summary>
[GenerateSerializer, Immutable, Alias("anchor-place")]
public sealed record AnchorPlace(
    [property: Id(0)] Guid PlaceId,
    [property: Id(1)] string? Name,
    [property: Id(2)] GeoPoint Position,
    [property: Id(3)] double Confidence,
    [property: Id(4)] string Evidence);
