namespace Datapunk.Silo.Tests.Telemetry;

public sealed class HistogramPercentileTests
{
    [Fact]
    public void EmptyHistogramHasNoPercentile() =>
        HistogramPercentile.Estimate([1, 2], [0, 0, 0], 0.5).ShouldBeNull();

    [Fact]
    public void InterpolatesLinearlyInsideTheBucketHoldingTheRank() =>
        // Rank 2 of 4 is halfway through the (10, 20] bucket.
        HistogramPercentile.Estimate([10, 20], [0, 4, 0], 0.5).ShouldBe(15);

    [Fact]
    public void FirstBucketStartsAtZero() =>
        HistogramPercentile.Estimate([10], [4, 0], 0.5).ShouldBe(5);

    [Fact]
    public void P50AndP99AcrossSeveralBuckets()
    {
        double[] boundaries = [1, 2, 5];
        long[] counts = [90, 9, 1, 0];

        // p50: rank 50 of 90 in (0, 1]; p99: rank 99 is the last of the 9 calls in (1, 2].
        HistogramPercentile.Estimate(boundaries, counts, 0.5)!.Value.ShouldBe(50.0 / 90, tolerance: 1e-12);
        HistogramPercentile.Estimate(boundaries, counts, 0.99).ShouldBe(2);
    }

    [Fact]
    public void RankInTheOverflowBucketReportsTheHighestBoundary() =>
        HistogramPercentile.Estimate([1, 2], [0, 0, 5], 0.99).ShouldBe(2);

    [Fact]
    public void EmptyBucketsBeforeTheFirstValueAreSkipped() =>
        HistogramPercentile.Estimate([1, 2, 3], [0, 0, 2, 0], 0).ShouldBe(2);

    [Fact]
    public void RejectsCountsThatDoNotMatchTheBoundaries() =>
        Should.Throw<ArgumentException>(() => HistogramPercentile.Estimate([1, 2], [1, 1], 0.5));
}
