namespace Datapunk.Grains;

/// <summary>A metric the daily stats compute: its name, unit, and what it counts.</summary>
/// <param name="NeedsKind">True when the query must name a record kind (<c>kind=</c>).</param>
[GenerateSerializer, Immutable, Alias("stats-metric")]
public sealed record StatsMetric(
    [property: Id(0)] string Name,
    [property: Id(1)] string Unit,
    [property: Id(2)] string Description,
    [property: Id(3)] bool NeedsKind);
