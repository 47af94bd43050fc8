namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// Silo processes of one new cluster over a test database, for tests that kill one: disposing stops
/// what is left of them and removes the cluster's rows. The silos start one after another: started
/// together on two busy cores, a silo can be slow enough to be voted dead before the cluster forms.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    private SiloCluster(TestDatabase database, SiloProcess[] silos, string clusterId)
    {
        Database = database;
        Silos = silos;
        ClusterId = clusterId;
    }

    public TestDatabase Database { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public string ClusterId { get; }

    public static async Task<SiloCluster> StartAsync(
        string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, int silos = 2, int maxPoolSize = 10)
    {
        var clusterId = $"{name}-{Guid.NewGuid():N}"[..24];
        var database = new TestDatabase($"datapunk-{name}", maxPoolSize: 4);
        var started = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                started.Add(await DatapunkSilo.StartReadyAsync(
                    TestDatabase.ConnectionStringForSilo(maxPoolSize), clusterId, Deadlines.SiloStart, cancellationToken, settings, gracefulStop: TimeSpan.FromSeconds(10)));
            }
        }
        catch
        {
            foreach (var silo in started)
            {
                await silo.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }

        return new SiloCluster(database, [.. started], clusterId);
    }

    /// <summary>The silo whose address an activation's host (<c>address@generation</c>) names.</summary>
    public SiloProcess Hosting(string host) => Silos.Single(silo => host.StartsWith($"{silo.Address}@", StringComparison.Ordinal));

    /// <summary>The other silo of a cluster of two.</summary>
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
