namespace Datapunk.Grains;

/// <summary>The location fixes of one local hour: how many, and the first and last of them.</summary>
[GenerateSerializer, Immutable, Alias("fixes-summary")]
public sealed record FixesSummary(
    [property: Id(0)] long Count,
    [property: Id(1)] DateTimeOffset FirstAt,
    [property: Id(2)] GeoPoint First,
    [property: Id(3)] DateTimeOffset LastAt,
    [property: Id(4)] GeoPoint Last);
