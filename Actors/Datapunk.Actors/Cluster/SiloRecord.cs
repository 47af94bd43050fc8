namespace Datapunk.Actors.Cluster;

/// <summary>One row of the membership table.</summary>
public sealed record SiloRecord(
    string SiloId, string Address, string? GatewayUrl, DateTime StartedAt, DateTime HeartbeatAt, string Status, DateTime? EndedAt);

/// <summary>One row of the partition lease table, as last read from the database.</summary>
public sealed record PartitionLease(int Partition, string? Owner, string? OwnerAddress, long Epoch, DateTime ExpiresAt, bool IsLive);

/// <summary>The cluster as one silo saw it in its last maintenance round.</summary>
public sealed record ClusterSnapshot(
    string ClusterId, string LocalSiloId, DateTime ReadAt, IReadOnlyList<SiloRecord> Silos, IReadOnlyList<PartitionLease> Partitions);
