namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Histogram state of one tag set. <see cref="BucketCounts"/> are per bucket, not cumulative:
/// entry i counts values in (Boundaries[i-1], Boundaries[i]]; the last entry counts values above every boundary.
/// </summary>
public sealed record HistogramData(IReadOnlyList<double> Boundaries, IReadOnlyList<long> BucketCounts, double Sum, long Count);
