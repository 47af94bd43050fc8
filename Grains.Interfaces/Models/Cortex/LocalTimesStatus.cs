namespace Datapunk.Grains;

/// <summary>The local-time pass of one user: pending (asked for, not finished since), running here, and its last run's figures.</summary>
/// <param name="MonthsSampled">Months the last run sampled (fewer than <paramref name="Months"/> when it resumed midway).</param>
/// <param name="Samples">Hours with a located fix or record, each with the zone there.</param>
/// <param name="Spans">Time spans in one zone made from them.</param>
[GenerateSerializer, Immutable, Alias("local-times-status")]
public sealed record LocalTimesStatus(
    [property: Id(0)] bool Pending,
    [property: Id(1)] bool Running,
    [property: Id(2)] int MonthsSampled,
    [property: Id(3)] int Months,
    [property: Id(4)] int Samples,
    [property: Id(5)] int Spans,
    [property: Id(6)] double Seconds,
    [property: Id(7)] string? LastError);
