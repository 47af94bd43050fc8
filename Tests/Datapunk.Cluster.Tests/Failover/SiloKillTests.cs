namespace Datapunk.Cluster.Tests.Failover;

/// <summary>
/// A silo dies by SIGKILL under a cluster holding 10,000 persisted grains: its grains must answer
/// from the surviving silos within a bound, with every acknowledged write, and the activation
/// history must show no grain ever live twice.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class SiloKillTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    private const int GrainCount = 10_000;
    private const int MaxInFlight = 64;

    /// <summary>
    /// Lease (3 s) + one heartbeat round to notice and claim (0.5 s) + reactivating a third of the
    /// grains, with a wide margin for a 2-core machine running three silos and PostgreSQL.
    /// </summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(15);

    /// <summary>How long one grain may keep failing after the kill before the test gives up on it; above the bound so the real figure is measured.</summary>
    private static readonly TimeSpan PerGrainDeadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Grains_of_a_killed_silo_answer_elsewhere_with_their_acknowledged_values_and_never_run_twice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var phase = Stopwatch.StartNew();
        await using var cluster = processes.CreateCluster("kill");
        var silos = await cluster.StartTestSilosAsync(3, cancellationToken);
        await cluster.WaitUntilBalancedAsync(silos, TimeSpan.FromSeconds(60), cancellationToken);
        output.WriteLine($"3 silos joined and balanced in {phase.Elapsed.TotalSeconds:0.0} s: {cluster.DescribeDistribution()}");

        await using var client = cluster.CreateClient(silos, callTimeout: TimeSpan.FromSeconds(10));
        var counters = Enumerable.Range(0, GrainCount).Select(i => client.GetGrain<ICounterGrain>($"counter-{i}")).ToArray();
        var acknowledged = new int[GrainCount];
        phase.Restart();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, GrainCount),
            new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = cancellationToken },
            async (i, _) => acknowledged[i] = await counters[i].AddAsync(i % 97 + 1));
        output.WriteLine($"{GrainCount} grains activated and written in {phase.Elapsed.TotalSeconds:0.0} s ({MaxInFlight} calls in flight)");

        var victim = silos[1];
        var survivors = silos.Where(silo => silo != victim).ToList();
        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
        var killedAt = await cluster.Database.NowAsync(cancellationToken);
        (await victim.WaitForExitAsync(TimeSpan.FromSeconds(10), cancellationToken)).ShouldBeTrue($"SIGKILL did not end {victim.Describe()}");

        var answers = new int[GrainCount];
        var answeredAfter = new TimeSpan[GrainCount];
        var failures = new string?[GrainCount];
        var retries = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, GrainCount),
            new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                while (true)
                {
                    try
                    {
                        answers[i] = await counters[i].GetAsync();
                        answeredAfter[i] = sinceKill.Elapsed;
                        return;
                    }
                    catch (Exception exception) when (exception is SiloUnavailableException or GrainCallTimeoutException)
                    {
                        Interlocked.Increment(ref retries);
                        if (sinceKill.Elapsed > PerGrainDeadline)
                        {
                            failures[i] = $"counter-{i}: {exception.GetType().Name}: {exception.Message}";
                            return;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(50), token);
                    }
                }
            });
        var allAnswered = answeredAfter.Max();
        var sorted = answeredAfter.Order().ToArray();
        output.WriteLine(
            $"Killed {victim.SiloId} at {killedAt:HH:mm:ss.fff} (database time). All {GrainCount} grains answered {allAnswered.TotalSeconds:0.00} s " +
            $"after the kill (bound {FailoverBound.TotalSeconds:0} s); median {sorted[GrainCount / 2].TotalSeconds:0.00} s, " +
            $"99th percentile {sorted[GrainCount * 99 / 100].TotalSeconds:0.00} s; {retries} calls retried.");

        var unanswered = failures.Where(f => f is not null).ToList();
        unanswered.ShouldBeEmpty(
            $"{unanswered.Count} grains never answered within {PerGrainDeadline.TotalSeconds:0} s of the kill:{Environment.NewLine}" +
            $"{string.Join(Environment.NewLine, unanswered.Take(10))}{Environment.NewLine}{cluster.DescribeSilos()}");
        var lost = Enumerable.Range(0, GrainCount).Where(i => answers[i] != acknowledged[i])
            .Select(i => $"counter-{i}: acknowledged {acknowledged[i]}, read {answers[i]}").ToList();
        lost.ShouldBeEmpty($"{lost.Count} grains did not return their last acknowledged value:{Environment.NewLine}{string.Join(Environment.NewLine, lost.Take(20))}");
        allAnswered.ShouldBeLessThan(
            FailoverBound,
            $"the last of {GrainCount} grains answered {allAnswered.TotalSeconds:0.00} s after the kill{Environment.NewLine}{cluster.DescribeSilos()}");

        var audit = await ActivationHistoryAudit.ReadAsync(
            cluster.Database, cluster.ClusterId, new Dictionary<string, DateTime> { [victim.SiloId] = killedAt }, cancellationToken);
        var victimGrains = audit.GrainsHostedBy(victim.SiloId);
        output.WriteLine($"{audit.Records.Count} activations recorded; {victimGrains.Count} grains lived on the killed silo.");
        victimGrains.Count.ShouldBeGreaterThan(GrainCount / 10, $"the killed silo hosted too few grains for the test to mean much; leases: {cluster.DescribeDistribution()}");
        audit.Records.Select(r => r.Grain).Distinct().Count().ShouldBe(GrainCount, "every grain should have at least one recorded activation");
        var overlaps = audit.FindOverlaps();
        overlaps.ShouldBeEmpty($"{overlaps.Count} pairs of activations of one grain were live at the same time:{Environment.NewLine}{ActivationHistoryAudit.Summarize(overlaps)}");
        var stale = audit.FindTakeoversWithoutNewerEpoch(victim.SiloId, killedAt);
        stale.ShouldBeEmpty($"{stale.Count} activations replaced the killed silo's without a newer lease epoch:{Environment.NewLine}{ActivationHistoryAudit.Summarize(stale)}");
        var survivorIds = survivors.Select(s => s.SiloId).ToHashSet(StringComparer.Ordinal);
        var notMoved = victimGrains.Where(grain => !audit.Records.Any(r => r.Grain == grain && r.StartedAt > killedAt && survivorIds.Contains(r.SiloId))).ToList();
        notMoved.ShouldBeEmpty($"{notMoved.Count} grains of the killed silo have no later activation on a survivor: {string.Join(", ", notMoved.Take(10))}");
    }
}
