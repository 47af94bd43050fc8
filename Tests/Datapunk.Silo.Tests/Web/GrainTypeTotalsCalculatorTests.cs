using Datapunk.Silo.Api;
using Datapunk.Silo.Web;

namespace Datapunk.Silo.Tests.Web;

public sealed class GrainTypeTotalsCalculatorTests
{
    private static readonly double[] Boundaries = [1, 10, 100];

    [Fact]
    public void SumsSilosAndRecomputesPercentilesFromTheMergedBuckets()
    {
        // One fast silo (90 calls under 1 ms) and one slow silo (10 calls in (10, 100]).
        var fast = Silo("a", new SiloStatsApi.GrainTypeStats("user", 5, 90, 0, 9, 0, 0.5, 1, new(Boundaries, [90, 0, 0, 0])));
        var slow = Silo("b", new SiloStatsApi.GrainTypeStats("user", 3, 10, 5, 1, 0.5, 55, 99.1, new(Boundaries, [0, 0, 10, 0])));

        var user = GrainTypeTotalsCalculator.Sum([fast, slow]).ShouldHaveSingleItem();

        user.Activations.ShouldBe(8);
        user.Calls.ShouldBe(100);
        user.CallsPerSecond.ShouldBe(10);
        user.ErrorRate.ShouldBe(0.05, "5 failures in 100 calls, not the mean of the silos' rates");
        user.P50Ms!.Value.ShouldBe(50.0 / 90, tolerance: 1e-12);
        user.P99Ms!.Value.ShouldBe(91, tolerance: 1e-9, "rank 99 is the 9th of the slow silo's 10 calls in (10, 100]");
        user.Silos.ShouldBe(2);
    }

    [Fact]
    public void GrainTypesWithoutCallsHaveNoRatesOrLatencies()
    {
        var idle = Silo("a", new SiloStatsApi.GrainTypeStats("user", 2, 0, 0, 0, null, null, null, null));

        var user = GrainTypeTotalsCalculator.Sum([idle]).ShouldHaveSingleItem();

        user.Activations.ShouldBe(2);
        user.ErrorRate.ShouldBeNull();
        user.P50Ms.ShouldBeNull();
        user.P99Ms.ShouldBeNull();
    }

    private static SiloStatsApi.SiloStats Silo(string id, params SiloStatsApi.GrainTypeStats[] grainTypes) =>
        new(id, $"{id}:11111", null, 128, 60, 10, grainTypes);
}
