namespace Datapunk.Silo.Telemetry;

/// <summary>
/// The value of one tag set: a sum or last value, or a histogram (whose <see cref="Value"/> is its count).
/// Labels are sorted by name, their values already formatted as invariant text.
/// </summary>
public sealed record MetricPoint(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, HistogramData? Histogram = null)
{
    public string? GetLabel(string name)
    {
        foreach (var (key, value) in Labels)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
