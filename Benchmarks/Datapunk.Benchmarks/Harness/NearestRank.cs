namespace Datapunk.Benchmarks.Harness;

/// <summary>Percentiles of a few hundred timed calls, by the nearest-rank method (no interpolation).</summary>
internal static class NearestRank
{
    /// <summary>The value at <paramref name="fraction"/> (0.95 for p95) of <paramref name="sorted"/>, ascending; NaN when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
