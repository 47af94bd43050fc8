using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Errors;

[Collection(SharedSiloCollection.Name)]
public sealed class DeadlockTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallBackIntoAWaitingNonReentrantGrainFailsFastWithDeadlockException()
    {
        var a = silo.Grains.GetGrain<IRelayGrain>($"a-{Guid.NewGuid()}");
        var b = silo.Grains.GetGrain<IRelayGrain>($"b-{Guid.NewGuid()}");
        var elapsed = Stopwatch.StartNew();

        // a -> b -> a: a waits for b, and b's call to a would queue behind a's own call.
        var deadlock = await Should.ThrowAsync<DeadlockException>(a.PingAsync(b, hops: 2).Within("a -> b -> a"));

        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the deadlock should be detected at once, long before the 30 s call timeout");
        deadlock.ShouldBeAssignableTo<GrainCallTimeoutException>();
        deadlock.Message.ShouldContain(((GrainReference)a).GrainId.ToString());
        deadlock.Message.ShouldContain(((GrainReference)b).GrainId.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallChainThatDoesNotReturnToAWaitingGrainIsNotADeadlock()
    {
        var a = silo.Grains.GetGrain<IRelayGrain>($"a-{Guid.NewGuid()}");
        var b = silo.Grains.GetGrain<IRelayGrain>($"b-{Guid.NewGuid()}");

        var path = await a.PingAsync(b, hops: 1).Within("a -> b");

        path.ShouldBe($"{((GrainReference)a).GrainId.Key} -> {((GrainReference)b).GrainId.Key}");
    }
}
