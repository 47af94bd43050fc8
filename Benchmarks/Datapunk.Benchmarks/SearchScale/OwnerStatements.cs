using Npgsql;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>Statements the corpus loaders run as the scratch database's owner, with the memory and workers an index build may use here.</summary>
internal static class OwnerStatements
{
    public static async Task ExecuteAsync(NpgsqlDataSource owner, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        // One parallel worker besides the leader: the machine has two cores and other work on them.
        await using (var settings = new NpgsqlCommand("SET maintenance_work_mem = '2GB'; SET max_parallel_maintenance_workers = 1", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
