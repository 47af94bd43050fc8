namespace Datapunk.Grains;

/// <summary>A metric's value for every local day of the range, in order.</summary>
[GenerateSerializer, Immutable, Alias("daily-series")]
public sealed record DailySeries(
    [property: Id(0)] string Metric,
    [property: Id(1)] string? Kind,
    [property: Id(2)] string Unit,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] IReadOnlyList<DailyValue> Days);
