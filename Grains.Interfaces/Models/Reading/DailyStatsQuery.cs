namespace Datapunk.Grains;

/// <summary>A daily series of one metric over local days (<c>GET /api/v1/stats/daily</c>).</summary>
/// <param name="Metric">A metric name from <c>GET /api/v1/stats/metrics</c>.</param>
/// <param name="Kind">The record kind, for the <c>records</c> metric.</param>
/// <param name="From">The first local day.</param>
/// <param name="To">The last local day (included).</param>
/// <param name="TimeZone">An IANA time zone id.</param>
[GenerateSerializer, Immutable, Alias("daily-stats-query")]
public sealed record DailyStatsQuery(
    [property: Id(0)] string Metric,
    [property: Id(1)] string? Kind,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] string TimeZone);
