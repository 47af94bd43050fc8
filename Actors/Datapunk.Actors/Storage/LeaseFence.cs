using Npgsql;

namespace Datapunk.Actors.Storage;

/// <summary>
/// The SQL that makes a statement conditional on the writer still holding its partition lease.
/// <c>FOR SHARE</c> makes a concurrent claim of the partition wait for the write to commit, so no
/// write can land after a new owner took over.
/// </summary>
internal static class LeaseFence
{
    public const string ValidLeaseCte = """
        lease AS (
            SELECT 1 FROM actors.partition_leases
            WHERE cluster_id = @cluster AND partition = @partition AND owner = @silo AND epoch = @epoch AND expires_at > now()
            FOR SHARE)
        """;

    public static void AddParameters(NpgsqlCommand command, string clusterId, WriteFence fence)
    {
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("partition", fence.Partition);
        command.Parameters.AddWithValue("silo", fence.SiloId);
        command.Parameters.AddWithValue("epoch", fence.Epoch);
    }

    /// <summary>True when the lease named by the fence is still current (used to explain a refused write).</summary>
    public static async Task<bool> IsCurrentAsync(NpgsqlDataSource dataSource, string clusterId, WriteFence fence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM actors.partition_leases
            WHERE cluster_id = @cluster AND partition = @partition AND owner = @silo AND epoch = @epoch AND expires_at > now())
            """);
        AddParameters(command, clusterId, fence);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static OwnershipLostException Lost(GrainId grainId, WriteFence fence) => new(
        $"Write to {grainId} refused: silo {fence.SiloId} no longer holds partition {fence.Partition} at epoch {fence.Epoch}; " +
        "another silo owns the grain now and its state is kept.");
}
