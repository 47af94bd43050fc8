using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Scheduling;

[Collection(SharedSiloCollection.Name)]
public sealed class ReentrancyTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ReentrantGrainInterleavesTwoCallsThatWaitForEachOther()
    {
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>(Guid.NewGuid());

        var first = grain.MeetAsync(expected: 2);
        var second = grain.MeetAsync(expected: 2);
        var arrived = await Task.WhenAll(first, second)
            .Within("two MeetAsync calls that each wait for the other; a reentrant grain must run the second while the first awaits");

        arrived.ShouldBe([2, 2]);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ReentrantGrainNeverRunsTwoSectionsOfCodeAtTheSameInstant()
    {
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>(Guid.NewGuid());

        await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => grain.TouchAsync())).Within("1,000 concurrent TouchAsync calls");
        var stats = await grain.GetStatsAsync().Within("GetStatsAsync");

        stats.MaxCallsInProgress.ShouldBeGreaterThan(1, "the calls of a reentrant grain should interleave at their awaits");
        stats.MaxRunningSections.ShouldBe(1, "interleaving happens at awaits only; two synchronous sections must never run at once");
        stats.Completed.ShouldBe(1_000);
        stats.UnguardedCompleted.ShouldBe(1_000, "a plain increment loses counts only when code runs in parallel");
        stats.ContinuationsOffActivation.ShouldBe(0);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task AlwaysInterleaveMethodRunsWhileAnOrdinaryCallIsInProgress()
    {
        var key = $"interleave-{Guid.NewGuid()}";
        var grain = silo.Grains.GetGrain<IInterleavingGrain>(key);

        var hold = grain.HoldAsync();
        try
        {
            await silo.Probe.WaitForAsync(key, "holding", 1);
            for (var i = 0; i < 3; i++)
            {
                var holding = await grain.IsHoldingAsync()
                    .Within("IsHoldingAsync ([AlwaysInterleave]) while HoldAsync is in progress; it must not queue behind the hold");
                holding.ShouldBeTrue("the status query should run during the hold and see it");
            }

            hold.IsCompleted.ShouldBeFalse("the hold should still be waiting for its gate");
        }
        finally
        {
            silo.Probe.OpenGate(key);
        }

        (await hold.Within("HoldAsync after its gate opened")).ShouldBe(3, "the hold should have seen the three status queries made during it");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task OrdinaryCallOfANonReentrantGrainQueuesBehindTheCallInProgress()
    {
        var key = $"interleave-{Guid.NewGuid()}";
        var grain = silo.Grains.GetGrain<IInterleavingGrain>(key);

        var hold = grain.HoldAsync();
        var release = Task.CompletedTask;
        try
        {
            await silo.Probe.WaitForAsync(key, "holding", 1);
            release = grain.ReleaseAsync();
            (await grain.IsHoldingAsync().Within("IsHoldingAsync during the hold")).ShouldBeTrue();

            release.IsCompleted.ShouldBeFalse("ReleaseAsync is not [AlwaysInterleave], so it must wait until HoldAsync ends");
            hold.IsCompleted.ShouldBeFalse();
        }
        finally
        {
            silo.Probe.OpenGate(key);
        }

        await Task.WhenAll(hold, release).Within("HoldAsync and the ReleaseAsync queued behind it");
    }
}
