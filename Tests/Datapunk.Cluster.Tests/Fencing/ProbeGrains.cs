using Datapunk.Actors.Cluster;

namespace Datapunk.Cluster.Tests.Fencing;

/// <summary>Where a <see cref="IFencingProbeGrain"/> lives: its grain id, partition and stored value.</summary>
public static class ProbeGrains
{
    /// <summary>The grain type name: the interface's full name, as it has no [Alias].</summary>
    public static string TypeName { get; } = typeof(IFencingProbeGrain).FullName!;

    public static int PartitionOf(string key) => PartitionHasher.PartitionOf(new GrainId(TypeName, key), TestCluster.PartitionCount);

    /// <summary>
    /// Waits until a silo other than <paramref name="previousOwner"/> holds a live lease on the
    /// partition (by the database clock) and returns that silo.
    /// </summary>
    public static async Task<SiloProcess> WaitForNewOwnerAsync(
        TestCluster cluster, int partition, SiloProcess previousOwner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? lastOwner = null;
        await Poll.UntilAsync(
            async token =>
            {
                var owners = await cluster.Database.QueryAsync(
                    """
                    SELECT owner FROM actors.partition_leases
                    WHERE cluster_id = @cluster AND partition = @partition AND owner IS NOT NULL AND expires_at > now()
                    """,
                    new Dictionary<string, object> { ["cluster"] = cluster.ClusterId, ["partition"] = partition },
                    reader => reader.GetString(0),
                    token);
                lastOwner = owners.SingleOrDefault();
                return lastOwner is not null && lastOwner != previousOwner.SiloId;
            },
            timeout,
            () => $"partition {partition} to get a live owner other than {previousOwner.SiloId}; last live owner: {lastOwner ?? "(none)"}" +
                  $"{Environment.NewLine}{cluster.DescribeSilos()}",
            cancellationToken);
        return cluster.SiloById(lastOwner!);
    }

    /// <summary>
    /// Waits until a delay of <paramref name="delayMs"/> that began at <paramref name="started"/> is due
    /// (plus a little). A frozen process cannot signal anything, so this waits out the clock: thawed
    /// after its grain's delay is due, the grain's next step runs at once and races the eviction,
    /// instead of always losing to it.
    /// </summary>
    public static async Task WaitUntilDueAsync(Stopwatch started, int delayMs, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromMilliseconds(delayMs + 200) - started.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, cancellationToken);
        }
    }

    /// <summary>The live owner of each partition that has one, by the database clock.</summary>
    public static async Task<Dictionary<int, string>> LiveOwnersAsync(TestCluster cluster, CancellationToken cancellationToken)
    {
        var rows = await cluster.Database.QueryAsync(
            "SELECT partition, owner FROM actors.partition_leases WHERE cluster_id = @cluster AND owner IS NOT NULL AND expires_at > now()",
            new Dictionary<string, object> { ["cluster"] = cluster.ClusterId },
            reader => (Partition: reader.GetInt32(0), Owner: reader.GetString(1)),
            cancellationToken);
        return rows.ToDictionary(row => row.Partition, row => row.Owner);
    }

    /// <summary>The value stored in <c>actors.grain_state</c> for the probe, or null when it has no row.</summary>
    public static async Task<int?> StoredValueAsync(TestCluster cluster, string key, CancellationToken cancellationToken)
    {
        var values = await cluster.Database.QueryAsync(
            """
            SELECT (payload->>'value')::int FROM actors.grain_state
            WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND state_name = 'probe'
            """,
            new Dictionary<string, object> { ["cluster"] = cluster.ClusterId, ["type"] = TypeName, ["key"] = key },
            reader => reader.GetInt32(0),
            cancellationToken);
        return values.Count == 0 ? null : values[0];
    }
}
