using System.Globalization;
using Datapunk.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// Silo processes of one Orleans cluster (a unique cluster and service id in the shared test
/// database): starts them, waits until the membership table lists them as active, and hands out
/// Orleans clients.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Database connections per silo process: three silos stay well below the server's limit.</summary>
    private const int SiloPoolSize = 16;

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Per-run folder for the silo processes' logs.</summary>
    private static readonly string LogDirectory =
        Path.Combine(AppContext.BaseDirectory, "cluster-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    private readonly List<SiloProcess> _silos = [];
    private readonly List<IHost> _clients = [];
    private int _disposed;

    internal TestCluster(string clusterId, TestDatabase database)
    {
        ClusterId = clusterId;
        Database = database;
    }

    /// <summary>The cluster id, also used as service id so no two test clusters share grain state.</summary>
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

    /// <summary>Starts <paramref name="count"/> test silos (Datapunk.TestSilo hosting the test grains) and waits until each is active.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartTestSilosAsync(int count, CancellationToken cancellationToken, string? serviceId = null)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartTestSilo(serviceId ?? ClusterId)).ToList();
        await Task.WhenAll(started.Select(silo => WaitUntilActiveAsync(silo, cancellationToken)));
        return started;
    }

    /// <summary>
    /// Starts a real Datapunk silo (REST gateway included) with <paramref name="settings"/> added to its
    /// environment, and waits until it is active in the cluster unless told not to.
    /// </summary>
    public async Task<SiloProcess> StartDatapunkSiloAsync(
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null, bool waitUntilActive = true)
    {
        var silo = Track(DatapunkSilo.Start(TestDatabase.ConnectionStringForSilo(SiloPoolSize), ClusterId, settings, LogDirectory));
        if (waitUntilActive)
        {
            // Orleans joins before Kestrel listens: the silo is usable once both happened.
            await WaitUntilActiveAsync(silo, cancellationToken);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await silo.WaitUntilReadyAsync(http, JoinTimeout, cancellationToken);
        }

        return silo;
    }

    /// <summary>An Orleans client that enters the cluster through <paramref name="gateways"/>' client gateways.</summary>
    public async Task<IGrainFactory> CreateClientAsync(
        IEnumerable<SiloProcess> gateways, TimeSpan responseTimeout, CancellationToken cancellationToken, string? serviceId = null)
    {
        var host = await DatapunkClusterClient.StartAsync(
            [.. gateways.Select(silo => silo.ClientGateway)], ClusterId, serviceId ?? ClusterId, responseTimeout, cancellationToken);
        lock (_clients)
        {
            _clients.Add(host);
        }

        return host.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The membership rows of this cluster: silo address (ip:port@generation) and status.</summary>
    public Task<Dictionary<string, int>> MembershipAsync(CancellationToken cancellationToken) =>
        ClusterMembership.ReadAsync(Database, ClusterId, cancellationToken);

    /// <summary>Waits until the membership table marks <paramref name="silo"/> dead (declared by the others).</summary>
    public Task WaitUntilDeclaredDeadAsync(SiloProcess silo, TimeSpan timeout, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async token => (await MembershipAsync(token)).GetValueOrDefault(silo.SiloId) == ClusterMembership.DeadStatus,
            timeout,
            () => $"{silo.SiloId} to be declared dead in orleans.membership{Environment.NewLine}{DescribeSilos()}",
            cancellationToken);

    /// <summary>Every silo's state and log tail, for assertion messages.</summary>
    public string DescribeSilos(int lines = 30) => string.Join(Environment.NewLine, Silos.Select(silo => silo.Describe(lines)));

    public SiloProcess SiloById(string siloId) =>
        Silos.SingleOrDefault(silo => silo.SiloId == siloId)
        ?? throw new InvalidOperationException($"No silo of {ClusterId} has address {siloId}; the silos are {string.Join(", ", Silos.Select(s => s.SiloId))}.");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        IHost[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.StopAsync(stop.Token);
            client.Dispose();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Database.DeleteClusterAsync(ClusterId, timeout.Token);
    }

    private SiloProcess StartTestSilo(string serviceId)
    {
        var siloPort = FreePort.Next();
        var clientGatewayPort = FreePort.Next();
        return Track(SiloProcess.Start("testsilo", RepositoryPaths.TestSiloDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionStringForSilo(SiloPoolSize),
            ["Cluster__Id"] = ClusterId,
            ["Cluster__ServiceId"] = serviceId,
            ["Silo__Port"] = Invariant(siloPort),
            ["Silo__GatewayPort"] = Invariant(clientGatewayPort),
            ["Logging__LogLevel__Polly"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        }, siloPort, gatewayPort: null, LogDirectory, clientGatewayPort: clientGatewayPort));
    }

    private SiloProcess Track(SiloProcess silo)
    {
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    private Task WaitUntilActiveAsync(SiloProcess silo, CancellationToken cancellationToken) =>
        ClusterMembership.WaitUntilActiveAsync(Database, ClusterId, silo, JoinTimeout, cancellationToken);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
