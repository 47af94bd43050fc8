namespace Datapunk.Silo.Telemetry;

/// <summary>The value of one tag set: a sum or last value, or a histogram.</summary>
/// <param name="Labels">Tags sorted by name, values already formatted as invariant text.</param>
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
