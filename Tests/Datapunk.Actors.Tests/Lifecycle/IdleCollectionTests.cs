using Datapunk.Actors.Tests.Infrastructure;
using Datapunk.Actors.Tests.Telemetry;

namespace Datapunk.Actors.Tests.Lifecycle;

[Collection(TimedSiloCollection.Name)]
public sealed class IdleCollectionTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task IdleActivationIsCollectedAndTheNextCallActivatesANewInstance()
    {
        var key = Guid.NewGuid();
        var subject = key.ToString();
        var grain = silo.Grains.GetGrain<IShortLivedGrain>(key);

        var first = await grain.GetActivationIdAsync().Within("GetActivationIdAsync");
        var idleSince = Stopwatch.StartNew();
        await silo.Probe.WaitForAsync(subject, "deactivated", 1);
        var idleFor = idleSince.Elapsed;
        var second = await grain.GetActivationIdAsync().Within("GetActivationIdAsync after the collection");

        var deactivation = silo.Probe.EventsOf(subject, "deactivated").Single();
        deactivation.Detail.ShouldBe(nameof(DeactivationReasonCode.ActivationIdle));
        deactivation.Origin.ShouldBe(first.ToString());
        idleFor.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "[CollectionAgeLimit(Seconds = 1)] should keep it for a second");
        second.ShouldNotBe(first, "the call after the collection should be served by a new activation");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CollectedStatelessWorkersAreNoLongerCounted()
    {
        var key = Guid.NewGuid();
        var subject = key.ToString();
        var grainType = typeof(IShortLivedWorkerGrain).FullName!;
        var worker = silo.Grains.GetGrain<IShortLivedWorkerGrain>(key);
        var meter = silo.Probe.Meter(subject);

        Task<Guid>[] calls = [worker.WorkAsync(), worker.WorkAsync()];
        try
        {
            await silo.Probe.WaitUntilAsync(subject, _ => meter.Current >= 2, "two WorkAsync calls in progress on two workers");
            silo.Status.ActivationsByType().GetValueOrDefault(grainType).ShouldBe(2);
            ActivationGauge.Read(silo.Silo.Services, grainType).ShouldBe(2);
        }
        finally
        {
            silo.Probe.OpenGate(subject);
        }

        (await Task.WhenAll(calls).Within("both WorkAsync calls")).Distinct().Count().ShouldBe(2);
        await silo.Probe.WaitForAsync(subject, "deactivated", 2);

        await Deadlines.PollUntilAsync(
            () => silo.Status.ActivationsByType().GetValueOrDefault(grainType) == 0 && ActivationGauge.Read(silo.Silo.Services, grainType) == 0,
            "ISiloStatus.ActivationsByType() and the datapunk.actors.activations gauge to drop to 0 after both workers were collected",
            () => $"ActivationsByType: {silo.Status.ActivationsByType().GetValueOrDefault(grainType)}, gauge: {ActivationGauge.Read(silo.Silo.Services, grainType)}",
            TimeSpan.FromSeconds(3));
    }
}
