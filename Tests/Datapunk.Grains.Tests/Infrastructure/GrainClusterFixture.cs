using Datapunk.Silo.Storage;
using Orleans.TestingHost;

namespace Datapunk.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans cluster (Orleans' TestingHost) for the collection, with Datapunk's grains
/// on the real PostgreSQL storage and the Lake engine: grains are tested as they run in the silo,
/// without processes or sockets. Each test uses fresh keys.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new("datapunk-grain-tests", maxPoolSize: 4);

    /// <summary>The cluster's service id: grain state rows of this run carry it and are deleted at the end.</summary>
    public static string ServiceId { get; } = $"grain-tests-{Guid.NewGuid():N}"[..24];

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async ValueTask InitializeAsync()
    {
        await DatapunkMigrations.ApplyAsync(Database.DataSource, TestContext.Current.CancellationToken);
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ServiceId;
        builder.AddSiloBuilderConfigurator<DatapunkSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        await Database.DeleteClusterAsync(ServiceId, CancellationToken.None);
        await Database.DisposeAsync();
    }
}
