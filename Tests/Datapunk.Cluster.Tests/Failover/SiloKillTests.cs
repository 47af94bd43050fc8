namespace Datapunk.Cluster.Tests.Failover;

/// <summary>
/// A silo dies by SIGKILL under a cluster holding 10,000 persisted grains: its grains must answer
/// from the surviving silos within a bound, each with its last acknowledged value.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class SiloKillTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    private const int GrainCount = 10_000;
    private const int MaxInFlight = 64;

    /// <summary>
    /// Detection (about 1-2 s with ProbeTimeout 1 s and 2 missed probes, docs/cluster.md) plus
    /// reactivating a third of the grains from PostgreSQL, with a wide margin for a 2-core machine
    /// running three silos, the caller and PostgreSQL. Measured: see docs/cluster.md.
    /// </summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(20);

    /// <summary>How long one grain may keep failing after the kill before the test gives up on it; above the bound so the real figure is measured.</summary>
    private static readonly TimeSpan PerGrainDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Grains_of_a_killed_silo_answer_elsewhere_with_their_acknowledged_values()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var phase = Stopwatch.StartNew();
        await using var cluster = processes.CreateCluster("kill");
        var silos = await cluster.StartTestSilosAsync(3, cancellationToken);
        output.WriteLine($"3 silos active in {phase.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", silos.Select(s => s.SiloId))}");

        var victim = silos[1];
        var survivors = silos.Where(silo => silo != victim).ToList();
        var client = await cluster.CreateClientAsync(silos, TimeSpan.FromSeconds(5), cancellationToken);
        var counters = Enumerable.Range(0, GrainCount).Select(i => client.GetGrain<ICounterGrain>($"counter-{i}")).ToArray();
        var acknowledged = new int[GrainCount];
        var hostedBy = new string[GrainCount];
        phase.Restart();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, GrainCount),
            new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                acknowledged[i] = await counters[i].AddAsync(i % 97 + 1);
                hostedBy[i] = await counters[i].GetSiloAsync();
            });
        output.WriteLine($"{GrainCount} grains activated and written in {phase.Elapsed.TotalSeconds:0.0} s ({MaxInFlight} calls in flight)");
        var onVictim = Enumerable.Range(0, GrainCount).Where(i => hostedBy[i] == victim.SiloId).ToList();
        onVictim.Count.ShouldBeGreaterThan(GrainCount / 10, $"the victim should host a fair share of the grains; hosts: {Describe(hostedBy)}");

        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
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
                    catch (Exception exception) when (FailoverErrors.AreRetried(exception))
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
        var victimAnswers = onVictim.Select(i => answeredAfter[i]).Order().ToArray();
        output.WriteLine(
            $"Killed {victim.SiloId}. All {GrainCount} grains answered {allAnswered.TotalSeconds:0.00} s after the kill (bound {FailoverBound.TotalSeconds:0} s); " +
            $"the {onVictim.Count} grains of the killed silo: median {victimAnswers[victimAnswers.Length / 2].TotalSeconds:0.00} s, " +
            $"99th percentile {victimAnswers[victimAnswers.Length * 99 / 100].TotalSeconds:0.00} s; {retries} calls retried.");

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

        var survivorIds = survivors.Select(s => s.SiloId).ToHashSet(StringComparer.Ordinal);
        var movedTo = await Task.WhenAll(onVictim.Take(200).Select(i => counters[i].GetSiloAsync()));
        movedTo.Where(silo => !survivorIds.Contains(silo)).ShouldBeEmpty("every grain of the killed silo should now live on a survivor");
        await cluster.WaitUntilDeclaredDeadAsync(victim, TimeSpan.FromSeconds(30), cancellationToken);
    }

    private static string Describe(IEnumerable<string> hosts) =>
        string.Join(", ", hosts.GroupBy(h => h).Select(g => $"{g.Key}: {g.Count()}"));
}
