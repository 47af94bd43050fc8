using Datapunk.Actors.Cluster;

namespace Datapunk.Actors.Hosting;

/// <summary>What a silo reports about itself and the cluster, for health checks, dashboards and tools.</summary>
public interface ISiloStatus
{
    string SiloId { get; }

    string Address { get; }

    /// <summary>True once the silo joined the cluster and its maintenance round reaches the database.</summary>
    bool IsReady { get; }

    /// <summary>The cluster as seen in the last maintenance round; null before the first.</summary>
    ClusterSnapshot? LastSnapshot { get; }

    int OwnedPartitions { get; }

    IReadOnlyDictionary<string, int> ActivationsByType();
}
