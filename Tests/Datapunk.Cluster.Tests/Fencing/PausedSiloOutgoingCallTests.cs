using Datapunk.Actors.Cluster;

namespace Datapunk.Cluster.Tests.Fencing;

/// <summary>
/// A silo frozen in the middle of a turn loses its grain; when thawed, the rest of that turn must
/// not act on other grains either: the design promises a resumed silo "cannot damage anything".
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class PausedSiloOutgoingCallTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    private const int DelayMs = 6000;

    [Fact]
    public async Task A_paused_silos_pending_turn_cannot_call_other_grains_after_it_lost_its_grain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = processes.CreateCluster("zombie");
        var silos = await cluster.StartTestSilosAsync(3, cancellationToken);
        await cluster.WaitUntilBalancedAsync(silos, TimeSpan.FromSeconds(60), cancellationToken);
        await using var client = cluster.CreateClient(silos, callTimeout: TimeSpan.FromSeconds(30));

        var key = $"probe-{Guid.NewGuid():N}";
        var probe = client.GetGrain<IFencingProbeGrain>(key);
        var paused = cluster.SiloById(await probe.GetSiloAsync());
        var counterKey = await CounterKeyOwnedByAnotherSiloAsync(cluster, paused, cancellationToken);
        await using var survivorClient = cluster.CreateClient(silos.Where(silo => silo != paused), callTimeout: TimeSpan.FromSeconds(10));
        var counter = survivorClient.GetGrain<ICounterGrain>(counterKey);
        (await counter.GetAsync()).ShouldBe(0);

        var sinceCall = Stopwatch.StartNew();
        var forward = probe.AddToCounterSlowlyAsync(counter, 5, DelayMs);
        await Poll.UntilAsync(async _ => await probe.PeekAsync() == 5, TimeSpan.FromSeconds(10),
            () => $"AddToCounterSlowlyAsync to start on {paused.SiloId}", cancellationToken);
        await paused.PauseAsync(cancellationToken);
        var newOwner = await ProbeGrains.WaitForNewOwnerAsync(cluster, ProbeGrains.PartitionOf(key), paused, TimeSpan.FromSeconds(20), cancellationToken);
        output.WriteLine($"The probe's partition moved from the paused {paused.SiloId} to {newOwner.SiloId}.");

        await ProbeGrains.WaitUntilDueAsync(sinceCall, DelayMs, cancellationToken);
        await paused.ResumeAsync(cancellationToken);
        var outcome = await Record.ExceptionAsync(() => forward.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken));
        output.WriteLine($"The thawed turn ended with {outcome?.GetType().Name ?? "success"}: {outcome?.Message}");
        var total = await counter.GetAsync();
        output.WriteLine($"The counter on a live silo holds {total}.");
        total.ShouldBe(
            0,
            $"the thawed turn of {paused.SiloId}, which no longer owned the probe, added to counter {counterKey} on a live silo " +
            $"({outcome?.GetType().Name ?? "the call succeeded"}){Environment.NewLine}{paused.Describe(40)}");
        (await paused.WaitForExitAsync(TimeSpan.FromSeconds(20), cancellationToken)).ShouldBeTrue(paused.Describe(40));
    }

    /// <summary>A fresh counter key whose partition a silo other than <paramref name="paused"/> owns, so the counter stays reachable.</summary>
    private static async Task<string> CounterKeyOwnedByAnotherSiloAsync(TestCluster cluster, SiloProcess paused, CancellationToken cancellationToken)
    {
        var owners = await ProbeGrains.LiveOwnersAsync(cluster, cancellationToken);
        var typeName = typeof(ICounterGrain).FullName!;
        var prefix = $"counter-{Guid.NewGuid():N}";
        return Enumerable.Range(0, 1000)
            .Select(i => $"{prefix}-{i}")
            .First(key => owners.TryGetValue(PartitionHasher.PartitionOf(new GrainId(typeName, key), TestCluster.PartitionCount), out var owner)
                          && owner != paused.SiloId);
    }
}
