using Datapunk.Client;

namespace Datapunk.Cli.Output;

/// <summary>What <c>datapunk status</c> shows, in the shape <c>--json</c> prints.</summary>
public sealed record StatusReport(
    string ClusterId, string ReportedBy, IReadOnlyList<ClusterSilo> Silos, int Partitions, int UnownedPartitions,
    IReadOnlyList<GrainTypeActivations> Activations, IReadOnlyList<UnreachableSilo> UnreachableSilos)
{
    public static StatusReport From(ClusterStatus cluster, ClusterDashboard dashboard) => new(
        cluster.ClusterId,
        cluster.ReportedBy,
        cluster.Silos,
        cluster.Partitions,
        cluster.UnownedPartitions,
        dashboard.GrainTypes.Select(g => new GrainTypeActivations(g.GrainType, g.Activations)).ToList(),
        dashboard.Silos.Where(s => s.Reachable == false).Select(s => new UnreachableSilo(s.SiloId, s.Error ?? "no answer")).ToList());
}
