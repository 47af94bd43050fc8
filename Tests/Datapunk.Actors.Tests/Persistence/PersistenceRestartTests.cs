using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Persistence;

[Collection(RestartSiloCollection.Name)]
public sealed class PersistenceRestartTests(SharedSiloFixture cluster)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task StateSurvivesASiloRestart()
    {
        var counterKey = $"counter-{Guid.NewGuid()}";
        var linkKey = $"link-{Guid.NewGuid()}";
        var counter = cluster.Grains.GetGrain<ICounterGrain>(counterKey);
        await counter.AddAsync(5).Within("AddAsync(5)");
        (await counter.AddAsync(2).Within("AddAsync(2)")).ShouldBe(7);
        await cluster.Grains.GetGrain<ILinkedCounterGrain>(linkKey).LinkAsync(counter).Within("LinkAsync");
        var oldSilo = cluster.Status.SiloId;

        await cluster.RestartAsync();
        cluster.Status.SiloId.ShouldNotBe(oldSilo);
        var restartedCounter = cluster.Grains.GetGrain<ICounterGrain>(counterKey);
        var restartedLink = cluster.Grains.GetGrain<ILinkedCounterGrain>(linkKey);

        (await restartedCounter.GetAsync().Within("GetAsync after the restart")).ShouldBe(7);
        (await restartedLink.AddThroughLinkAsync(1).Within("AddThroughLinkAsync after the restart"))
            .ShouldBe(8, "the persisted reference should reach the counter, and the counter's next write should succeed");
        (await restartedCounter.GetAsync().Within("GetAsync")).ShouldBe(8);
    }
}
