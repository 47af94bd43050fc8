namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Estimates a quantile from bucket counts the way Prometheus' <c>histogram_quantile</c> does:
/// find the bucket holding the wanted rank and interpolate linearly inside it.
/// </summary>
/// <remarks>
/// The answer is only as precise as the buckets. It always lies in the right bucket, but where in
/// it is a guess that assumes values spread evenly, so the error is up to one bucket width: with the
/// runtime's latency boundaries (0.05 … 10 000 ms, each 2–2.5× the previous) a reported 30 ms means
/// "between 25 and 50 ms". Ranks in the overflow bucket report the highest boundary, and a p99 of
/// fewer than 100 calls is in effect the slowest call's bucket.
/// </remarks>
public static class HistogramPercentile
{
    /// <param name="boundaries">Upper bounds of the finite buckets, increasing.</param>
    /// <param name="bucketCounts">Per-bucket counts (not cumulative), one more than the boundaries (the overflow bucket).</param>
    /// <param name="quantile">Between 0 and 1 (0.99 for p99).</param>
    /// <returns>The estimate, or null when the histogram is empty.</returns>
    public static double? Estimate(IReadOnlyList<double> boundaries, IReadOnlyList<long> bucketCounts, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (bucketCounts.Count != boundaries.Count + 1)
        {
            throw new ArgumentException("There must be one bucket count per boundary plus the overflow bucket.", nameof(bucketCounts));
        }

        long total = 0;
        foreach (var count in bucketCounts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long below = 0;
        for (var bucket = 0; bucket < boundaries.Count; bucket++)
        {
            var inBucket = bucketCounts[bucket];
            if (inBucket > 0 && below + inBucket >= rank)
            {
                var upper = boundaries[bucket];

                // The first bucket starts at zero (durations are never negative) unless its bound is already below zero.
                var lower = bucket == 0 ? Math.Min(0, upper) : boundaries[bucket - 1];
                return lower + ((upper - lower) * Math.Max(0, rank - below) / inBucket);
            }

            below += inBucket;
        }

        return boundaries.Count > 0 ? boundaries[^1] : null;
    }
}
