using System.Globalization;
using System.Text.Json;

namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>One series of an instant query's vector result: its labels and current value.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The series of a successful vector answer of <c>/api/v1/query</c>; empty for anything else.</summary>
    public static IReadOnlyList<PrometheusSample> ParseVector(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return [];
        }

        var data = root.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector")
        {
            return [];
        }

        // A sample is [unix time, "value"]: Prometheus sends values as strings so NaN and ±Inf survive JSON.
        return [.. data.GetProperty("result").EnumerateArray().Select(series => new PrometheusSample(
            series.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? ""),
            ParseValue(series.GetProperty("value")[1].GetString() ?? "NaN")))];
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public override string ToString() =>
        $"{{{string.Join(", ", Labels.Select(label => $"{label.Key}=\"{label.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}
