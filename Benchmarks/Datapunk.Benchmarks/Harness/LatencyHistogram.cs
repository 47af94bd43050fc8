using System.Numerics;

namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// A log-linear histogram of <see cref="Stopwatch"/> tick counts: 64 buckets per power of two, so
/// a percentile is off by less than 1.6 %. Recording is an array increment, cheap enough for
/// every call of a million-calls-per-second loop; each loop keeps its own and they are merged.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;

    private readonly long[] _counts = new long[SubBuckets * (64 - SubBucketBits + 1)];

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var count in _counts)
            {
                total += count;
            }

            return total;
        }
    }

    public void Record(long ticks) => _counts[IndexOf(ticks)]++;

    /// <summary>Records from several threads at once (the open-loop completions).</summary>
    public void RecordConcurrent(long ticks) => Interlocked.Increment(ref _counts[IndexOf(ticks)]);

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>The latency below which <paramref name="percentile"/> % of the samples fall, in microseconds; NaN when empty.</summary>
    public double PercentileMicroseconds(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (var index = 0; index < _counts.Length; index++)
        {
            seen += _counts[index];
            if (seen >= rank)
            {
                var (low, high) = BoundsOf(index);
                return (low + high) / 2.0 * 1_000_000.0 / Stopwatch.Frequency;
            }
        }

        return double.NaN;
    }

    private static int IndexOf(long ticks)
    {
        if (ticks < SubBuckets)
        {
            return (int)Math.Max(0, ticks);
        }

        var shift = 63 - BitOperations.LeadingZeroCount((ulong)ticks) - SubBucketBits;
        return (shift * SubBuckets) + (int)(ticks >> shift);
    }

    private static (long Low, long High) BoundsOf(int index)
    {
        if (index < SubBuckets)
        {
            return (index, index + 1);
        }

        var shift = (index / SubBuckets) - 1;
        long mantissa = index - (shift * SubBuckets);
        return (mantissa << shift, (mantissa + 1) << shift);
    }
}
