namespace Datapunk.Forge.Anomalies;

/// <summary>The knobs of the anomalies model, recorded with every version.</summary>
internal sealed record AnomalyParameters
{
    /// <summary>The rolling baseline: the days before, up to this many.</summary>
    public int BaselineDays { get; init; } = 56;

    /// <summary>Days with a value the baseline needs before any day is judged against it.</summary>
    public int MinBaselineDays { get; init; } = 14;

    /// <summary>A robust z-score at least this far from 0 flags a feature (3.5 is Iglewicz and Hoaglin's outlier cut-off).</summary>
    public double Threshold { get; init; } = 3.5;

    /// <summary>And the value is at least this many times the usual one (or at most its inverse, for a low).</summary>
    public double MinRatio { get; init; } = 2;

    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["baseline_days"] = BaselineDays,
        ["min_baseline_days"] = MinBaselineDays,
        ["threshold"] = Threshold,
        ["min_ratio"] = MinRatio,
    };
}
