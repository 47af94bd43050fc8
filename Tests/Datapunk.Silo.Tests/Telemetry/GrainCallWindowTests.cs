namespace Datapunk.Silo.Tests.Telemetry;

public sealed class GrainCallWindowTests
{
    private static readonly double[] Boundaries = [1, 10];

    [Fact]
    public void RatesComeFromTheDifferenceOfTwoTotals()
    {
        var before = new GrainCallTotals(100, 5, Boundaries, [60, 30, 10]);
        var now = new GrainCallTotals(120, 7, Boundaries, [70, 38, 12]);

        var window = GrainCallWindow.Between("user", 10, before, now);

        window.Calls.ShouldBe(20);
        window.CallsPerSecond.ShouldBe(2);
        window.ErrorRate.ShouldBe(0.1);
        window.LatencyBuckets.ShouldBe([10L, 8L, 2L]);
        window.LatencyQuantile(0.5).ShouldBe(1, "rank 10 of 20 is the last call of the first bucket");
    }

    [Fact]
    public void TotalsThatWentBackwardsStartAfresh()
    {
        var before = new GrainCallTotals(100, 5, Boundaries, [60, 30, 10]);
        var now = new GrainCallTotals(4, 1, Boundaries, [4, 0, 0]);

        var window = GrainCallWindow.Between("user", 10, before, now);

        window.Calls.ShouldBe(4);
        window.Failures.ShouldBe(1);
        window.LatencyBuckets.ShouldBe([4L, 0L, 0L]);
    }

    [Fact]
    public void AWindowWithoutCallsHasNoErrorRateOrLatency()
    {
        var totals = new GrainCallTotals(3, 0, Boundaries, [3, 0, 0]);

        var window = GrainCallWindow.Between("user", 10, totals, totals);

        window.CallsPerSecond.ShouldBe(0);
        window.ErrorRate.ShouldBeNull();
        window.LatencyQuantile(0.99).ShouldBeNull();
    }
}
