namespace Datapunk.Grains;

/// <summary>One day's value; null when the day has no data the metric can be computed from (no Fit day, fewer than two fixes).</summary>
[GenerateSerializer, Immutable, Alias("daily-value")]
public sealed record DailyValue([property: Id(0)] DateOnly Date, [property: Id(1)] double? Value);
