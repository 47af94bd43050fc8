namespace Datapunk.Grains;

/// <summary>An unusual local day: its score (the largest of its reasons'), the reasons, and every feature of the day.</summary>
[GenerateSerializer, Immutable, Alias("anomaly-day")]
public sealed record AnomalyDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] double Score,
    [property: Id(2)] IReadOnlyList<AnomalyReason> Reasons,
    [property: Id(3)] IReadOnlyDictionary<string, double?> Features);
