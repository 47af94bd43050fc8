using Datapunk.Silo.Api;
using Datapunk.Silo.Telemetry;

namespace Datapunk.Silo.Web;

/// <summary>
/// Adds up per-silo stats into cluster-wide figures per grain type. Latency percentiles are
/// recomputed from the merged bucket counts, not averaged, so a slow silo weighs by its calls.
/// </summary>
public static class GrainTypeTotalsCalculator
{
    public static IReadOnlyList<DashboardApi.GrainTypeTotals> Sum(IEnumerable<SiloStatsApi.SiloStats> silos) =>
        silos.SelectMany(silo => silo.GrainTypes)
            .GroupBy(stats => stats.GrainType, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(Sum)
            .ToList();

    private static DashboardApi.GrainTypeTotals Sum(IGrouping<string, SiloStatsApi.GrainTypeStats> perSilo)
    {
        var calls = perSilo.Sum(s => s.Calls);
        var failures = perSilo.Sum(s => s.Failures);
        var latency = MergeLatency(perSilo.Select(s => s.Latency));
        return new DashboardApi.GrainTypeTotals(
            perSilo.Key,
            perSilo.Sum(s => s.Activations),
            calls,
            failures,
            perSilo.Sum(s => s.CallsPerSecond),
            calls > 0 ? (double)failures / calls : null,
            latency is null ? null : HistogramPercentile.Estimate(latency.BoundariesMs, latency.Counts, 0.5),
            latency is null ? null : HistogramPercentile.Estimate(latency.BoundariesMs, latency.Counts, 0.99),
            perSilo.Count());
    }

    /// <summary>Sums histograms with the same boundaries; a silo with other boundaries (another version) is left out.</summary>
    private static SiloStatsApi.LatencyHistogram? MergeLatency(IEnumerable<SiloStatsApi.LatencyHistogram?> histograms)
    {
        IReadOnlyList<double>? boundaries = null;
        long[]? counts = null;
        foreach (var histogram in histograms)
        {
            if (histogram is null || histogram.Counts.Count != histogram.BoundariesMs.Count + 1)
            {
                continue;
            }

            if (boundaries is null)
            {
                boundaries = histogram.BoundariesMs;
                counts = new long[histogram.Counts.Count];
            }
            else if (!boundaries.SequenceEqual(histogram.BoundariesMs))
            {
                continue;
            }

            for (var i = 0; i < counts!.Length; i++)
            {
                counts[i] += histogram.Counts[i];
            }
        }

        return boundaries is null ? null : new SiloStatsApi.LatencyHistogram(boundaries, counts!);
    }
}
