namespace Datapunk.Silo.Telemetry;

/// <summary>How a metric family is exposed: Prometheus knows counters, gauges and histograms.</summary>
public enum MetricKind
{
    /// <summary>A monotonic sum (counters and observable counters).</summary>
    Counter,

    /// <summary>A value that goes up and down (up-down counters and gauges).</summary>
    Gauge,

    Histogram,
}
