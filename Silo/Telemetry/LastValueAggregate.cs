using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Observable instruments: each observation replaces the previous one (observable counters report
/// their running total themselves, gauges their current value).
/// </summary>
internal sealed class LastValueAggregate(Instrument instrument, MetricKind kind) : MetricAggregate(instrument, kind)
{
    private readonly ConcurrentDictionary<LabelSet, double> _values = new();

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _values[LabelSet.From(tags)] = value;

    public override void BeginObservation() => _values.Clear();

    protected override IReadOnlyList<MetricPoint> SnapshotPoints() =>
        InLabelOrder(_values, static (labels, value) => new MetricPoint(labels.Labels, value));
}
