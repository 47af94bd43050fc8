namespace Datapunk.Cluster.Tests.Fencing;

/// <summary>
/// A silo frozen by SIGSTOP in the middle of a turn loses its grain to another silo; a client that
/// was calling the grain there reaches the new owner, the thawed silo's pending write is refused
/// by the lease fence, and the thawed silo stops by itself.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class PausedSiloFencingTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    /// <summary>Long enough for the lease (3 s) to expire and another silo to claim it while the write waits.</summary>
    private const int SlowWriteDelayMs = 6000;

    private static readonly TimeSpan TakeoverTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Per attempt: a call routed to the frozen silo before the client's partition table caught up
    /// waits out its whole deadline (docs/actors.md, "Limits"), so attempts are kept short.
    /// </summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Clients refresh their partition table every second (1 s more when they ask the frozen gateway first).</summary>
    private static readonly TimeSpan RerouteBound = TimeSpan.FromSeconds(8);

    /// <summary>Declared dead after 3 s without heartbeat, the resumed silo should stop within one round and a graceful shutdown.</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_paused_silos_pending_write_is_refused_after_another_silo_took_the_grain_over()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = processes.CreateCluster("fence");
        var silos = await cluster.StartTestSilosAsync(3, cancellationToken);
        await cluster.WaitUntilBalancedAsync(silos, TimeSpan.FromSeconds(60), cancellationToken);
        await using var slowClient = cluster.CreateClient(silos, callTimeout: TimeSpan.FromSeconds(30));
        await using var client = cluster.CreateClient(silos, callTimeout: AttemptTimeout);

        var key = $"probe-{Guid.NewGuid():N}";
        var partition = ProbeGrains.PartitionOf(key);
        var probe = client.GetGrain<IFencingProbeGrain>(key);
        var paused = cluster.SiloById(await probe.GetSiloAsync());
        var slowProbe = slowClient.GetGrain<IFencingProbeGrain>(key);
        var sinceSlowWrite = Stopwatch.StartNew();
        var slowWrite = slowProbe.SetSlowlyAsync(1, SlowWriteDelayMs);
        await Poll.UntilAsync(async _ => await slowProbe.PeekAsync() == 1, TimeSpan.FromSeconds(10),
            () => $"SetSlowlyAsync(1) to start on {paused.SiloId}", cancellationToken);

        await paused.PauseAsync(cancellationToken);
        var sincePause = Stopwatch.StartNew();
        var newOwner = await ProbeGrains.WaitForNewOwnerAsync(cluster, partition, paused, TakeoverTimeout, cancellationToken);
        output.WriteLine($"Partition {partition} moved from the paused {paused.SiloId} to {newOwner.SiloId} {sincePause.Elapsed.TotalSeconds:0.0} s after SIGSTOP.");

        var sinceTakeover = Stopwatch.StartNew();
        var (stored, attempts) = await SetUntilServedAsync(probe, 2, cluster, cancellationToken);
        output.WriteLine($"SetAsync(2) through the client that had called the paused silo succeeded {sinceTakeover.Elapsed.TotalSeconds:0.0} s after the takeover, " +
                         $"after {attempts} attempt(s) of at most {AttemptTimeout.TotalSeconds:0} s.");
        stored.ShouldBe(2, "SetAsync(2) on the new owner");
        (await probe.GetSiloAsync()).ShouldBe(newOwner.SiloId, "the grain should now live on the silo that claimed its partition");

        await ProbeGrains.WaitUntilDueAsync(sinceSlowWrite, SlowWriteDelayMs, cancellationToken);
        await paused.ResumeAsync(cancellationToken);
        var sinceResume = Stopwatch.StartNew();
        var refusal = await Record.ExceptionAsync(() => slowWrite.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken));
        output.WriteLine($"After SIGCONT the slow write ended in {sinceResume.Elapsed.TotalSeconds:0.0} s with: {refusal?.GetType().Name}: {refusal?.Message}");
        output.WriteLine(refusal is InconsistentStateException
            ? "The write ran and the lease fence refused it."
            : "The silo stopped before its write reached the database.");
        refusal.ShouldNotBeNull(
            $"SetSlowlyAsync(1) on the resumed silo succeeded although another silo owned the grain and had stored 2.{Environment.NewLine}{cluster.DescribeSilos()}");
        (refusal is InconsistentStateException or SiloUnavailableException).ShouldBeTrue(
            $"the pending write should be refused by the lease fence (OwnershipLostException/InconsistentStateException) or lost with the silo " +
            $"(SiloUnavailableException); it ended with {refusal.GetType().FullName}: {refusal.Message}{Environment.NewLine}{paused.Describe(60)}");

        (await probe.GetAsync()).ShouldBe(2, "the value after the paused silo came back");
        (await ProbeGrains.StoredValueAsync(cluster, key, cancellationToken)).ShouldBe(2, "the value stored in actors.grain_state");
        (await paused.WaitForExitAsync(ExitTimeout, cancellationToken)).ShouldBeTrue(
            $"the resumed silo was declared dead and should stop by itself within {ExitTimeout.TotalSeconds:0} s{Environment.NewLine}{paused.Describe(60)}");
        output.WriteLine($"The resumed silo exited {sinceResume.Elapsed.TotalSeconds:0.0} s after SIGCONT.");
    }

    /// <summary>
    /// Calls SetAsync until one attempt is served, within <see cref="RerouteBound"/>. Repeating it is
    /// safe: an attempt that reached the frozen silo never runs there (it answers "moved" once thawed).
    /// </summary>
    private static async Task<(int Value, int Attempts)> SetUntilServedAsync(
        IFencingProbeGrain probe, int value, TestCluster cluster, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await probe.SetAsync(value), attempt);
            }
            catch (Exception exception) when (exception is GrainCallTimeoutException or SiloUnavailableException)
            {
                elapsed.Elapsed.ShouldBeLessThan(
                    RerouteBound,
                    $"SetAsync({value}) through the client should reach the grain's new owner; attempt {attempt} failed with " +
                    $"{exception.GetType().Name}: {exception.Message}{Environment.NewLine}{cluster.DescribeSilos(15)}");
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
