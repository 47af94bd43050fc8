namespace Datapunk.Cluster.Tests.Failover;

/// <summary>One row of <c>actors.activation_history</c>: an activation's silo, lease epoch and lifetime in database time.</summary>
public sealed record ActivationRecord(string Grain, string SiloId, int Partition, long Epoch, DateTime StartedAt, DateTime? StoppedAt);
