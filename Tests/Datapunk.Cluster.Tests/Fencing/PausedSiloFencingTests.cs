namespace Datapunk.Cluster.Tests.Fencing;

/// <summary>
/// A silo frozen by SIGSTOP with a write still to make is declared dead; its grain activates on
/// another silo and stores a newer value. After SIGCONT the frozen silo's stale write is refused by
/// the storage's version check (or the silo stops before it reaches the database), the newer value
/// stays, and the silo leaves the cluster by itself.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class PausedSiloFencingTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    /// <summary>The prototype measured 8.4-8.7 s to declare a hung silo dead with this membership timing.</summary>
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_paused_silos_stale_write_is_refused_and_the_newer_state_kept()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = processes.CreateCluster("fence");
        var silos = await cluster.StartTestSilosAsync(3, cancellationToken);
        var paused = silos[0];
        var client = await cluster.CreateClientAsync(silos, TimeSpan.FromSeconds(10), cancellationToken);
        var survivorsClient = await cluster.CreateClientAsync(silos.Skip(1), TimeSpan.FromSeconds(3), cancellationToken);

        var key = await KeyHostedByAsync(client, paused, cancellationToken);
        var counter = client.GetGrain<ICounterGrain>(key);
        (await counter.AddAsync(1)).ShouldBe(1);
        await counter.AddLaterAsync(100, TimeSpan.FromSeconds(2));

        await paused.PauseAsync(cancellationToken);
        var sincePause = Stopwatch.StartNew();
        await cluster.WaitUntilDeclaredDeadAsync(paused, DeathTimeout, cancellationToken);
        output.WriteLine($"{paused.SiloId} declared dead {sincePause.Elapsed.TotalSeconds:0.0} s after SIGSTOP.");

        var (newer, attempts) = await AddThroughSurvivorsAsync(survivorsClient.GetGrain<ICounterGrain>(key), 7, cancellationToken);
        // An attempt the client gave up on may still run (Orleans delivers at least once, not exactly once), so
        // each attempt may have added its 7; what must never be stored is the paused silo's stale 100 (7 does
        // not divide 100, so no number of 7s looks like it).
        var possible = Enumerable.Range(1, attempts).Select(applied => 1 + (7 * applied)).ToList();
        possible.ShouldContain(newer, "the new activation reads the acknowledged 1 and adds 7 (once per attempt at most)");

        await paused.ResumeAsync(cancellationToken);
        var sinceResume = Stopwatch.StartNew();
        (await paused.WaitForExitAsync(ExitTimeout, cancellationToken)).ShouldBeTrue(
            $"the resumed silo was declared dead and should stop by itself within {ExitTimeout.TotalSeconds:0} s{Environment.NewLine}{paused.Describe(60)}");
        output.WriteLine($"The resumed silo exited {sinceResume.Elapsed.TotalSeconds:0.0} s after SIGCONT.");

        var log = paused.Describe(400);
        log.ShouldNotContain("counter write accepted", customMessage: $"the resumed silo's stale write must not be stored{Environment.NewLine}{log}");
        output.WriteLine(log.Contains("counter write rejected", StringComparison.Ordinal)
            ? "The stale write ran and the storage's version check refused it."
            : "The silo stopped before its stale write reached the database.");
        var stored = await StoredTotalAsync(cluster, key, cancellationToken);
        possible.ShouldContain(stored, "the total stored in orleans.grain_state: the acknowledged 1 and the survivors' adds, never the stale 100");
        stored.ShouldBeGreaterThanOrEqualTo(newer);
        (await survivorsClient.GetGrain<ICounterGrain>(key).GetAsync()).ShouldBe(stored, "the total read after the paused silo came back");
    }

    /// <summary>A fresh key whose activation lives on <paramref name="silo"/> (placement is random: a few tries find one).</summary>
    private static async Task<string> KeyHostedByAsync(IGrainFactory client, SiloProcess silo, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = $"fence-{Guid.NewGuid():N}";
            if (await client.GetGrain<ICounterGrain>(key).GetSiloAsync() == silo.SiloId)
            {
                return key;
            }
        }

        throw new InvalidOperationException($"None of 200 fresh grains was placed on {silo.SiloId}.");
    }

    /// <summary>Adds through the survivors until an attempt answers; returns its total and how many attempts were sent.</summary>
    private static async Task<(int Total, int Attempts)> AddThroughSurvivorsAsync(ICounterGrain counter, int amount, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var attempts = 0;
        while (true)
        {
            try
            {
                attempts++;
                return (await counter.AddAsync(amount), attempts);
            }
            catch (Exception exception) when (FailoverErrors.AreRetried(exception) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private static Task<int> StoredTotalAsync(TestCluster cluster, string key, CancellationToken cancellationToken) =>
        cluster.Database.ScalarAsync<int>(
            """
            SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'Total')::int FROM orleans.grain_state
            WHERE service_id = @service AND grain_type = 'test-counter' AND grain_id_extension = @key
            """,
            new Dictionary<string, object> { ["service"] = cluster.ClusterId, ["key"] = key },
            cancellationToken);
}
