using Datapunk.Actors.Hosting;
using Npgsql;

namespace Datapunk.Actors.Cluster;

/// <summary>
/// The membership table: this silo's row and heartbeat, and declaring silos dead whose heartbeat
/// is older than the death timeout, judged by the database clock. A dead silo never returns
/// under the same id.
/// </summary>
internal sealed class ClusterMembership(NpgsqlDataSource dataSource, ActorRuntimeOptions options)
{
    public async Task JoinAsync(string siloId, string address, string? gatewayUrl, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO actors.silos (cluster_id, silo_id, address, gateway_url) VALUES (@cluster, @silo, @address, @gateway)
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("silo", siloId);
        command.Parameters.AddWithValue("address", address);
        command.Parameters.AddWithValue("gateway", (object?)gatewayUrl ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Refreshes the heartbeat; false when the cluster already declared this silo dead.</summary>
    public async Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE actors.silos SET heartbeat_at = now() WHERE cluster_id = @cluster AND silo_id = @silo AND status = 'active'
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("silo", siloId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Marks silos with stale heartbeats dead and returns them with their last heartbeat.</summary>
    public async Task<List<(string SiloId, DateTime LastHeartbeat)>> DeclareDeadAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE actors.silos SET status = 'dead', ended_at = now(), declared_dead_by = @silo
            WHERE cluster_id = @cluster AND status = 'active' AND heartbeat_at < now() - @timeout
            RETURNING silo_id, heartbeat_at
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("silo", siloId);
        command.Parameters.AddWithValue("timeout", options.SiloDeathTimeout);
        var dead = new List<(string, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dead.Add((reader.GetString(0), reader.GetDateTime(1)));
        }

        return dead;
    }

    public async Task LeaveAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE actors.silos SET status = 'stopped', ended_at = now() WHERE cluster_id = @cluster AND silo_id = @silo AND status = 'active'
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("silo", siloId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every silo of the cluster that is active or ended in the last hour, with the database time.</summary>
    public async Task<(DateTime Now, List<SiloRecord> Silos)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT silo_id, address, gateway_url, started_at, heartbeat_at, status, ended_at, now()
            FROM actors.silos WHERE cluster_id = @cluster AND (status = 'active' OR ended_at > now() - interval '1 hour')
            ORDER BY started_at
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        var silos = new List<SiloRecord>();
        var now = DateTime.UtcNow;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(new SiloRecord(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetDateTime(3), reader.GetDateTime(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6)));
            now = reader.GetDateTime(7);
        }

        return (now, silos);
    }
}
