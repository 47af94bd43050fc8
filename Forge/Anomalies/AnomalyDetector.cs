using System.Globalization;

namespace Datapunk.Forge.Anomalies;

/// <summary>
/// Unusual days by robust z-scores against the user's own rolling baseline: for each feature, the
/// median and the median absolute deviation of the days before (<see cref="AnomalyParameters.BaselineDays"/>),
/// z = (value − median) / (1.4826 × MAD, at least the feature's floor and a tenth of the median). A day
/// is flagged by each feature far enough out, and says why in words: "travelled 24.1 km, 6.0× your usual 4.0 km".
/// </summary>
internal static class AnomalyDetector
{
    /// <summary>Scores every day of <paramref name="values"/> (feature metric → one value per day, null where there is no data).</summary>
    public static AnomalyDay[] Score(DateOnly first, IReadOnlyDictionary<string, double?[]> values, AnomalyParameters parameters)
    {
        var days = values.Values.First().Length;
        var scored = new AnomalyDay[days];
        for (var day = 0; day < days; day++)
        {
            var reasons = new List<AnomalyReason>();
            foreach (var feature in AnomalyFeature.All)
            {
                if (values[feature.Metric][day] is { } value && Reason(feature, value, Baseline(values[feature.Metric], day, parameters), parameters) is { } reason)
                {
                    reasons.Add(reason);
                }
            }

            var features = AnomalyFeature.All.ToDictionary(feature => feature.Metric, feature => values[feature.Metric][day]);
            scored[day] = new AnomalyDay(first.AddDays(day), reasons.Count == 0 ? 0 : reasons.Max(reason => Math.Abs(reason.Score)),
                [.. reasons.OrderByDescending(reason => Math.Abs(reason.Score))], features);
        }

        return scored;
    }

    private static List<double> Baseline(double?[] series, int day, AnomalyParameters parameters) =>
        [.. series[Math.Max(0, day - parameters.BaselineDays)..day].OfType<double>()];

    private static AnomalyReason? Reason(AnomalyFeature feature, double value, List<double> baseline, AnomalyParameters parameters)
    {
        if (baseline.Count < parameters.MinBaselineDays)
        {
            return null;
        }

        var usual = Median(baseline);
        var mad = Median([.. baseline.Select(past => Math.Abs(past - usual))]);
        var scale = Math.Max(1.4826 * mad, Math.Max(feature.Floor, 0.1 * Math.Abs(usual)));
        var z = Math.Round((value - usual) / scale, 2);
        if (z >= parameters.Threshold && value >= usual * parameters.MinRatio)
        {
            var text = usual > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{feature.Verb} {feature.Show(value)}, {value / usual:0.0}× your usual {feature.Show(usual)}")
                : $"{feature.Verb} {feature.Show(value)}, against your usual {feature.Show(usual)}";
            return new AnomalyReason(feature.Metric, value, usual, z, text);
        }

        if (feature.FlagLow && z <= -parameters.Threshold && value * parameters.MinRatio <= usual)
        {
            return new AnomalyReason(feature.Metric, value, usual, z, $"{feature.Verb} only {feature.Show(value)}, against your usual {feature.Show(usual)}");
        }

        return null;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
