using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Scheduling;

[Collection(SharedSiloCollection.Name)]
public sealed class TurnBasedExecutionTests(SharedSiloFixture silo)
{
    private const int Calls = 1_000;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task NonReentrantGrainRunsOneCallAtATimeUnderAThousandConcurrentCalls()
    {
        var grain = silo.Grains.GetGrain<ITurnGrain>(Guid.NewGuid());

        var calls = Enumerable.Range(0, Calls).Select(_ => grain.TouchAsync()).ToArray();
        await Task.WhenAll(calls).Within($"{Calls} concurrent TouchAsync calls");
        var stats = await grain.GetStatsAsync().Within("GetStatsAsync");

        stats.Completed.ShouldBe(Calls, "every call should have run to the end");
        stats.UnguardedCompleted.ShouldBe(Calls, "a plain increment loses counts only when two turns run at once");
        stats.MaxCallsInProgress.ShouldBe(1, "a non-reentrant grain must finish a call, awaits included, before it starts the next");
        stats.MaxRunningSections.ShouldBe(1);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ContinuationsAfterAnAwaitRunOnTheActivation()
    {
        var grain = silo.Grains.GetGrain<ITurnGrain>(Guid.NewGuid());

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => grain.TouchAsync())).Within("100 concurrent TouchAsync calls");
        var stats = await grain.GetStatsAsync().Within("GetStatsAsync");

        stats.ContinuationsOffActivation.ShouldBe(
            0, "code after an await (Task.Yield, and a Task.Run completing on another thread) must resume in the activation's context");
        stats.MaxCallsInProgress.ShouldBe(1);
    }
}
