using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Datapunk.Silo.Telemetry;

/// <summary>Counters and up-down counters: the sum of every measurement since the instrument appeared.</summary>
internal sealed class SumAggregate(Instrument instrument, MetricKind kind) : MetricAggregate(instrument, kind)
{
    private readonly ConcurrentDictionary<LabelSet, Cell> _cells = new();

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var cell = _cells.GetOrAdd(LabelSet.From(tags), static _ => new Cell());
        var current = Volatile.Read(ref cell.Sum);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref cell.Sum, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    protected override IReadOnlyList<MetricPoint> SnapshotPoints() =>
        InLabelOrder(_cells, static (labels, cell) => new MetricPoint(labels.Labels, Volatile.Read(ref cell.Sum)));

    private sealed class Cell
    {
        public double Sum;
    }
}
