namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// The tests that start silo processes. They run one after another: each wants the machine's
/// cores for its own cluster, and timing bounds measured under a neighbour's load mean little.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterProcessesCollection : ICollectionFixture<ClusterProcessesFixture>
{
    public const string Name = "Silo processes";
}
