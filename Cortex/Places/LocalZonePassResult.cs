namespace Datapunk.Cortex.Places;

/// <summary>What one run of the pass did: the months it sampled (of how many), its samples and spans, and its time.</summary>
public sealed record LocalZonePassResult(int MonthsSampled, int Months, int Samples, int Spans, TimeSpan Elapsed);
