namespace Datapunk.Actors.Cluster;

/// <summary>Which silo owns which partition, as far as this process knows.</summary>
internal interface IPartitionRouting
{
    int PartitionCount { get; }

    /// <summary>The transport address of the partition's owner, or null when none is known.</summary>
    string? GetOwnerAddress(int partition);

    /// <summary>A call was answered "moved" or failed to connect: look the owner up again soon.</summary>
    void ReportStaleRoute(int partition);

    /// <summary>A call to <paramref name="address"/> for this partition was served there.</summary>
    void ReportServedBy(int partition, string address);

    /// <summary>Completes after the routing table was refreshed, or after a short back-off.</summary>
    Task WaitForRoutingChangeAsync(CancellationToken cancellationToken);
}

/// <summary>The partitions this silo holds leases for.</summary>
internal interface IPartitionOwnership : IPartitionRouting
{
    /// <summary>True when this silo holds a lease on the partition that is still safely valid by its own clock.</summary>
    bool TryGetLocalLease(int partition, out long epoch);

    /// <summary>
    /// True while this silo still trusts its lease on the partition at exactly this epoch, even if it is
    /// handing the partition over: the test for whether an existing activation may still act.
    /// </summary>
    bool IsLeaseTrusted(int partition, long epoch);

    /// <summary>The owner address of every partition (null where none is live), for cluster clients.</summary>
    string?[] GetRoutingTable();
}
