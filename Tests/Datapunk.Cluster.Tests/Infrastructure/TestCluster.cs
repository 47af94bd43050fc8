using System.Globalization;
using Datapunk.Actors.Client;

namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// Silo processes of one cluster (a unique cluster id in the shared test database): starts them,
/// waits for them to join and share the partitions, and hands out cluster clients.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const int PartitionCount = 256;

    /// <summary>Short timings, so that a dead silo's partitions move within seconds.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan SiloDeathTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan LeaseSafetyMargin = TimeSpan.FromSeconds(1);

    /// <summary>Database connections per silo process: three silos stay well below the server's limit of 100.</summary>
    private const int SiloPoolSize = 16;

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Per-run folder for the silo processes' logs.</summary>
    private static readonly string LogDirectory =
        Path.Combine(AppContext.BaseDirectory, "cluster-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    private readonly List<SiloProcess> _silos = [];
    private readonly List<ClusterClient> _clients = [];
    private Dictionary<string, int> _lastDistribution = [];
    private int _disposed;

    internal TestCluster(string clusterId, TestDatabase database)
    {
        ClusterId = clusterId;
        Database = database;
    }

    public string ClusterId { get; }

    public TestDatabase Database { get; }

    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos];
            }
        }
    }

    /// <summary>Starts <paramref name="count"/> test silos (Datapunk.TestSilo hosting the test grains) and waits until each joined.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartTestSilosAsync(int count, CancellationToken cancellationToken)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartTestSilo()).ToList();
        await Task.WhenAll(started.Select(silo => WaitUntilJoinedAsync(silo, cancellationToken)));
        return started;
    }

    /// <summary>Starts a real Datapunk silo (gateway included) and waits until it joined the cluster.</summary>
    public async Task<SiloProcess> StartDatapunkSiloAsync(CancellationToken cancellationToken)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var silo = Track(SiloProcess.Start("silo", RepositoryPaths.SiloDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionStringForSilo(SiloPoolSize),
            ["Cluster__Id"] = ClusterId,
            ["Silo__Port"] = Invariant(siloPort),
            ["Silo__AdvertisedHost"] = "127.0.0.1",
            ["Silo__ListenAddress"] = "127.0.0.1",
            ["Gateway__ListenAddress"] = "127.0.0.1",
            ["Gateway__Port"] = Invariant(gatewayPort),
            ["Redis__Url"] = "127.0.0.1:6379",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        }, siloPort, gatewayPort, LogDirectory));
        await WaitUntilJoinedAsync(silo, cancellationToken);
        return silo;
    }

    /// <summary>A client that enters the cluster through <paramref name="gateways"/>.</summary>
    public ClusterClient CreateClient(IEnumerable<SiloProcess> gateways, TimeSpan callTimeout)
    {
        var client = new ClusterClient(new ClusterClientOptions
        {
            ClusterId = ClusterId,
            Gateways = [.. gateways.Select(silo => silo.Address)],
            PartitionCount = PartitionCount,
            CallTimeout = callTimeout,
        });
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>
    /// Waits until every partition has a live lease held by one of <paramref name="live"/>, each of
    /// which holds some and none more than its fair share, ceil(P / N), the runtime's own target.
    /// </summary>
    public async Task WaitUntilBalancedAsync(IReadOnlyCollection<SiloProcess> live, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var fairShare = (PartitionCount + live.Count - 1) / live.Count;
        var liveIds = live.Select(silo => silo.SiloId).ToHashSet(StringComparer.Ordinal);
        await Poll.UntilAsync(
            async token =>
            {
                FailIfAnyExited(live);
                _lastDistribution = await LiveLeasesByOwnerAsync(token);
                return _lastDistribution.Values.Sum() == PartitionCount
                    && _lastDistribution.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(liveIds)
                    && _lastDistribution.Values.All(owned => owned <= fairShare);
            },
            timeout,
            () => $"the {PartitionCount} partitions of {ClusterId} to be shared by the {live.Count} live silos (at most {fairShare} each); " +
                  $"live leases by owner were: {DescribeDistribution()}{Environment.NewLine}{DescribeSilos()}",
            cancellationToken);
    }

    /// <summary>How many partitions each silo holds a live lease for, by the database clock.</summary>
    public async Task<Dictionary<string, int>> LiveLeasesByOwnerAsync(CancellationToken cancellationToken)
    {
        var rows = await Database.QueryAsync(
            """
            SELECT owner, count(*)::int FROM actors.partition_leases
            WHERE cluster_id = @cluster AND owner IS NOT NULL AND expires_at > now() GROUP BY owner
            """,
            new Dictionary<string, object> { ["cluster"] = ClusterId },
            reader => (Owner: reader.GetString(0), Count: reader.GetInt32(1)),
            cancellationToken);
        return rows.ToDictionary(row => row.Owner, row => row.Count, StringComparer.Ordinal);
    }

    public string DescribeDistribution() =>
        _lastDistribution.Count == 0 ? "(none)" : string.Join(", ", _lastDistribution.Select(x => $"{x.Key}: {x.Value}"));

    /// <summary>Every silo's state and log tail, for assertion messages.</summary>
    public string DescribeSilos(int lines = 30) => string.Join(Environment.NewLine, Silos.Select(silo => silo.Describe(lines)));

    public SiloProcess SiloById(string siloId) =>
        Silos.SingleOrDefault(silo => silo.SiloId == siloId)
        ?? throw new InvalidOperationException($"No silo of {ClusterId} has id {siloId}; the silos are {string.Join(", ", Silos.Select(s => s.SiloId))}.");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ClusterClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Database.DeleteClusterAsync(ClusterId, timeout.Token);
    }

    private SiloProcess StartTestSilo()
    {
        var siloPort = FreePort.Next();
        return Track(SiloProcess.Start("testsilo", RepositoryPaths.TestSiloDll, new Dictionary<string, string>
        {
            ["Actors__ConnectionString"] = TestDatabase.ConnectionStringForSilo(SiloPoolSize),
            ["Actors__ClusterId"] = ClusterId,
            ["Actors__AdvertisedHost"] = "127.0.0.1",
            ["Actors__ListenAddress"] = "127.0.0.1",
            ["Actors__SiloPort"] = Invariant(siloPort),
            ["Actors__PartitionCount"] = Invariant(PartitionCount),
            ["Actors__HeartbeatInterval"] = HeartbeatInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Actors__SiloDeathTimeout"] = SiloDeathTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Actors__LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Actors__LeaseSafetyMargin"] = LeaseSafetyMargin.ToString("c", CultureInfo.InvariantCulture),
            ["Actors__RecordActivationHistory"] = "true",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        }, siloPort, gatewayPort: null, LogDirectory));
    }

    private SiloProcess Track(SiloProcess silo)
    {
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Waits for the silo's row in the membership table and learns its silo id from it.</summary>
    private async Task WaitUntilJoinedAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(
            async token =>
            {
                FailIfAnyExited([silo]);
                var ids = await Database.QueryAsync(
                    "SELECT silo_id FROM actors.silos WHERE cluster_id = @cluster AND address = @address AND status = 'active'",
                    new Dictionary<string, object> { ["cluster"] = ClusterId, ["address"] = silo.Address },
                    reader => reader.GetString(0),
                    token);
                if (ids.Count == 1)
                {
                    silo.SiloId = ids[0];
                }

                return ids.Count == 1;
            },
            JoinTimeout,
            () => $"{silo.Name} at {silo.Address} to join cluster {ClusterId}{Environment.NewLine}{silo.Describe()}",
            cancellationToken);
    }

    private static void FailIfAnyExited(IEnumerable<SiloProcess> silos)
    {
        foreach (var silo in silos)
        {
            silo.HasExited.ShouldBeFalse($"{silo.Name} exited unexpectedly.{Environment.NewLine}{silo.Describe(60)}");
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
