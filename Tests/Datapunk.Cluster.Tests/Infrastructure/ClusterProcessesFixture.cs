using Datapunk.Silo.Storage;

namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// Owns every silo process the collection starts: whatever a test leaves running, paused or
/// half-started — also when it fails — is killed here, and the clusters' rows are removed.
/// </summary>
public sealed class ClusterProcessesFixture : IAsyncLifetime
{
    private readonly List<TestCluster> _clusters = [];

    /// <summary>The tests' own reads of the cluster's tables; the silos have pools of their own.</summary>
    public TestDatabase Database { get; } = new("datapunk-cluster-tests", maxPoolSize: 4);

    /// <summary>A new, empty cluster with a unique id; its silos are started through it.</summary>
    public TestCluster CreateCluster(string name)
    {
        var cluster = new TestCluster($"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)], Database);
        lock (_clusters)
        {
            _clusters.Add(cluster);
        }

        return cluster;
    }

    /// <summary>The test silos host no migrations of their own: Orleans' tables come from the real silo's scripts.</summary>
    public async ValueTask InitializeAsync() => await DatapunkMigrations.ApplyAsync(Database.DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        TestCluster[] clusters;
        lock (_clusters)
        {
            clusters = [.. _clusters];
        }

        foreach (var cluster in clusters)
        {
            await cluster.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
