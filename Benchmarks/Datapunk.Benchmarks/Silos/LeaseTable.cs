using Npgsql;

namespace Datapunk.Benchmarks.Silos;

/// <summary>Reads who owns which partition from <c>actors.partition_leases</c>, as every silo sees it.</summary>
internal sealed class LeaseTable(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The owner address of every partition of the cluster with a live lease.</summary>
    public async Task<Dictionary<int, string>> ReadOwnersAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT partition, owner_address FROM actors.partition_leases
            WHERE cluster_id = @cluster AND owner IS NOT NULL AND expires_at > now()
            """);
        command.Parameters.AddWithValue("cluster", clusterId);
        var owners = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[reader.GetInt32(0)] = reader.GetString(1);
        }

        return owners;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
