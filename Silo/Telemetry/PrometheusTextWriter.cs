using System.Globalization;
using System.Text;

namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Writes metric families in the Prometheus text exposition format 0.0.4: sanitised names
/// (counters end in <c>_total</c>), HELP and TYPE lines, escaped label values, invariant numbers,
/// LF line endings, and cumulative histogram buckets ending with <c>+Inf</c>.
/// </summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        var text = new StringBuilder();
        foreach (var family in families)
        {
            if (family.Points.Count > 0)
            {
                WriteFamily(text, family);
            }
        }

        return text.ToString();
    }

    /// <summary>Dots and other characters outside <c>[a-zA-Z0-9_:]</c> become underscores; a leading digit gets one too.</summary>
    public static string SanitizeName(string name, bool allowColons = true)
    {
        var sanitized = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColons && c == ':');
            sanitized.Append(valid ? c : '_');
        }

        if (sanitized.Length == 0 || char.IsAsciiDigit(sanitized[0]))
        {
            sanitized.Insert(0, '_');
        }

        return sanitized.ToString();
    }

    public static string FormatNumber(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void WriteFamily(StringBuilder text, MetricFamily family)
    {
        var name = SanitizeName(family.Name);
        if (family.Kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        var help = HelpOf(family);
        if (help.Length > 0)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        }

        text.Append("# TYPE ").Append(name).Append(' ').Append(TypeOf(family.Kind)).Append('\n');
        foreach (var point in family.Points)
        {
            if (family.Kind == MetricKind.Histogram && point.Histogram is { } histogram)
            {
                WriteHistogram(text, name, point.Labels, histogram);
            }
            else
            {
                WriteSample(text, name, point.Labels, null, point.Value);
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, HistogramData histogram)
    {
        var bucketName = name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < histogram.Boundaries.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            WriteSample(text, bucketName, labels, FormatNumber(histogram.Boundaries[i]), cumulative);
        }

        // Without +Inf, histogram_quantile() silently answers NaN; it always equals _count.
        WriteSample(text, bucketName, labels, "+Inf", histogram.Count);
        WriteSample(text, name + "_sum", labels, null, histogram.Sum);
        WriteSample(text, name + "_count", labels, null, histogram.Count);
    }

    private static void WriteSample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                AppendLabel(text, SanitizeName(key, allowColons: false), labelValue, ref first);
            }

            if (le is not null)
            {
                AppendLabel(text, "le", le, ref first);
            }

            text.Append('}');
        }

        text.Append(' ').Append(FormatNumber(value)).Append('\n');
    }

    private static void AppendLabel(StringBuilder text, string name, string value, ref bool first)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        text.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    /// <summary>The description, plus the unit: names stay as the instruments have them, so the unit is not in the name.</summary>
    private static string HelpOf(MetricFamily family)
    {
        var description = family.Description?.Trim() ?? "";
        var hasUnit = !string.IsNullOrEmpty(family.Unit) && family.Unit != "1" && !family.Unit.StartsWith('{');
        if (!hasUnit)
        {
            return description;
        }

        var sentence = description.Length == 0 || description.EndsWith('.') ? description : description + ".";
        return $"{sentence} Unit: {family.Unit}.".TrimStart();
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string TypeOf(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Gauge => "gauge",
        MetricKind.Histogram => "histogram",
        _ => "untyped",
    };
}
