using System.Diagnostics.Metrics;

namespace Datapunk.Silo.Telemetry;

/// <summary>The running aggregation of one instrument's measurements, per tag set.</summary>
internal abstract class MetricAggregate(Instrument instrument, MetricKind kind)
{
    public Instrument Instrument => instrument;

    public bool IsObservable => instrument.IsObservable;

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called before observable instruments report, so series that are no longer observed disappear.</summary>
    public virtual void BeginObservation()
    {
    }

    public MetricFamily Snapshot() => new(instrument.Name, instrument.Description, instrument.Unit, kind, SnapshotPoints());

    protected abstract IReadOnlyList<MetricPoint> SnapshotPoints();

    protected static IReadOnlyList<MetricPoint> InLabelOrder<TCell>(
        IEnumerable<KeyValuePair<LabelSet, TCell>> cells, Func<LabelSet, TCell, MetricPoint> toPoint)
    {
        var ordered = cells.ToList();
        ordered.Sort(static (a, b) => LabelSet.Compare(a.Key, b.Key));
        return ordered.ConvertAll(cell => toPoint(cell.Key, cell.Value));
    }
}
