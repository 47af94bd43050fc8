namespace Datapunk.Silo.Telemetry;

/// <summary>The calls one grain type handled during a recent window, and the rates derived from them.</summary>
public sealed record GrainCallWindow(
    string GrainType, double Seconds, long Calls, long Failures, IReadOnlyList<double> LatencyBoundaries, IReadOnlyList<long> LatencyBuckets)
{
    public double CallsPerSecond => Seconds > 0.001 ? Calls / Seconds : 0;

    /// <summary>Failed calls per call; null when there were no calls.</summary>
    public double? ErrorRate => Calls > 0 ? (double)Failures / Calls : null;

    /// <summary>Latency quantile in ms, interpolated from the window's buckets (see <see cref="HistogramPercentile"/> for how accurate).</summary>
    public double? LatencyQuantile(double quantile) =>
        LatencyBuckets.Count == LatencyBoundaries.Count + 1 ? HistogramPercentile.Estimate(LatencyBoundaries, LatencyBuckets, quantile) : null;

    /// <summary>The difference of two running totals; a total that went backwards (a recreated instrument) counts as a fresh start.</summary>
    public static GrainCallWindow Between(string grainType, double seconds, GrainCallTotals before, GrainCallTotals now)
    {
        var sameBuckets = before.LatencyBoundaries.SequenceEqual(now.LatencyBoundaries) && before.LatencyBuckets.Count == now.LatencyBuckets.Count;
        var reset = now.Calls < before.Calls || !sameBuckets;
        if (reset)
        {
            before = GrainCallTotals.None;
        }

        var buckets = new long[now.LatencyBuckets.Count];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Math.Max(0, now.LatencyBuckets[i] - (reset ? 0 : before.LatencyBuckets[i]));
        }

        return new GrainCallWindow(
            grainType, seconds, now.Calls - before.Calls, Math.Max(0, now.Failures - before.Failures), now.LatencyBoundaries, buckets);
    }
}
