namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// Two silo processes of one new cluster over a test database, for tests that kill one: disposing
/// stops what is left of them and removes the cluster's rows.
/// </summary>
internal sealed class TwoSiloCluster : IAsyncDisposable
{
    private TwoSiloCluster(TestDatabase database, SiloProcess[] silos, string clusterId)
    {
        Database = database;
        Silos = silos;
        ClusterId = clusterId;
    }

    public TestDatabase Database { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public string ClusterId { get; }

    public static async Task<TwoSiloCluster> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var clusterId = $"{name}-{Guid.NewGuid():N}"[..24];
        var database = new TestDatabase($"datapunk-{name}", maxPoolSize: 4);
        var silos = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => DatapunkSilo.StartReadyAsync(
            TestDatabase.ConnectionStringForSilo(maxPoolSize: 10), clusterId, Deadlines.SiloStart, cancellationToken, settings, gracefulStop: TimeSpan.FromSeconds(10))));
        return new TwoSiloCluster(database, silos, clusterId);
    }

    /// <summary>The silo whose address an activation's host (<c>address@generation</c>) names.</summary>
    public SiloProcess Hosting(string host) => Silos.Single(silo => host.StartsWith($"{silo.Address}@", StringComparison.Ordinal));

    public SiloProcess Other(SiloProcess silo) => Silos.Single(candidate => candidate != silo);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Database.DeleteClusterAsync(ClusterId, CancellationToken.None);
        await Database.DisposeAsync();
    }
}
