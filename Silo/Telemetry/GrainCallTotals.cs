namespace Datapunk.Silo.Telemetry;

/// <summary>
/// One grain type's running totals since the silo started, summed over its methods. Latency buckets
/// are per bucket (not cumulative) over the boundaries, plus the overflow bucket.
/// </summary>
public sealed record GrainCallTotals(long Calls, long Failures, IReadOnlyList<double> LatencyBoundaries, IReadOnlyList<long> LatencyBuckets)
{
    public static readonly GrainCallTotals None = new(0, 0, [], [0]);
}
