namespace Datapunk.Client;

/// <summary>
/// The body of <c>GET /api/dashboard</c>: every silo with its load, partition owners (silo id or
/// null per partition) and cluster-wide totals per grain type.
/// </summary>
public sealed record ClusterDashboard(
    string ClusterId, string ReportedBy, DateTime GeneratedAt, DateTime? ReadAt, int PartitionCount, int UnownedPartitions,
    IReadOnlyList<string?> PartitionOwners, IReadOnlyList<DashboardSilo> Silos, IReadOnlyList<GrainTypeTotals> GrainTypes);
