namespace Datapunk.Client;

/// <summary>The body of <c>GET /api/cluster</c>: the cluster as the answering silo last saw it.</summary>
public sealed record ClusterStatus(
    string ClusterId, string ReportedBy, DateTime? ReadAt, IReadOnlyList<ClusterSilo> Silos,
    int Partitions, int UnownedPartitions, IReadOnlyDictionary<string, int> LocalActivations);
