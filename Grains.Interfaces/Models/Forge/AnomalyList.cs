namespace Datapunk.Grains;

/// <summary>The unusual days of a range in the promoted version (null before any), by date.</summary>
[GenerateSerializer, Immutable, Alias("anomaly-list")]
public sealed record AnomalyList(
    [property: Id(0)] int? Version,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] IReadOnlyList<AnomalyDay> Days);
