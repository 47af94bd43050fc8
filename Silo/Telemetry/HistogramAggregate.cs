using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Datapunk.Silo.Telemetry;

/// <summary>Histograms: per tag set, a count per bucket plus the sum and count of every value.</summary>
internal sealed class HistogramAggregate(Instrument instrument, double[] boundaries) : MetricAggregate(instrument, MetricKind.Histogram)
{
    private readonly ConcurrentDictionary<LabelSet, Cell> _cells = new();

    public IReadOnlyList<double> Boundaries => boundaries;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var cell = _cells.GetOrAdd(LabelSet.From(tags), _ => new Cell(boundaries.Length + 1));
        var bucket = BucketOf(value);

        // One lock per tag set keeps count, sum and buckets consistent with each other in a scrape.
        lock (cell)
        {
            cell.Buckets[bucket]++;
            cell.Sum += value;
            cell.Count++;
        }
    }

    protected override IReadOnlyList<MetricPoint> SnapshotPoints() =>
        InLabelOrder(_cells, (labels, cell) =>
        {
            lock (cell)
            {
                return new MetricPoint(labels.Labels, cell.Count, new HistogramData(boundaries, cell.Buckets.ToArray(), cell.Sum, cell.Count));
            }
        });

    /// <summary>The first bucket whose upper bound is at least the value (bounds are inclusive, as Prometheus' <c>le</c>).</summary>
    private int BucketOf(double value)
    {
        var index = Array.BinarySearch(boundaries, value);
        return index >= 0 ? index : ~index;
    }

    private sealed class Cell(int bucketCount)
    {
        public readonly long[] Buckets = new long[bucketCount];
        public double Sum;
        public long Count;
    }
}
