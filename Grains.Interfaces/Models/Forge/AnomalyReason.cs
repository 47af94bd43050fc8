namespace Datapunk.Grains;

/// <summary>One feature that made a day unusual: its value, the user's usual value (the baseline's median), and why in words.</summary>
/// <param name="Score">The robust z-score: how many (scaled) median absolute deviations from the usual.</param>
[GenerateSerializer, Immutable, Alias("anomaly-reason")]
public sealed record AnomalyReason(
    [property: Id(0)] string Feature,
    [property: Id(1)] double Value,
    [property: Id(2)] double Usual,
    [property: Id(3)] double Score,
    [property: Id(4)] string Text);
