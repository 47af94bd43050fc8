using Npgsql;

[assembly: AssemblyFixture(typeof(Datapunk.Import.Tests.Infrastructure.TestDataCleanup))]

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// Deletes what the run's imports stored (millions of fixes: the crash test alone imports four) and
/// the runtime rows of its clusters, so the shared test database does not grow run after run.
/// </summary>
public sealed class TestDataCleanup : IAsyncLifetime
{
    private static readonly string[] UserTables =
    [
        "timeseries.location_points", "user_data.records", "imports.entry_chunks", "imports.unknown_fields", "imports.files",
        "imports.entry_ledger", "imports.jobs",
    ];

    private static readonly string[] ClusterTables =
        ["actors.grain_state", "actors.reminders", "actors.activation_history", "actors.partition_leases", "actors.silos"];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await DeleteAsync(UserTables, "user_id", [.. TestDatabase.Users]);
        await DeleteAsync(ClusterTables, "cluster_id", [.. TestDatabase.Clusters]);
    }

    private static async Task DeleteAsync(string[] tables, string column, string[] keys)
    {
        if (keys.Length == 0)
        {
            return;
        }

        foreach (var table in tables)
        {
            await using var command = TestDatabase.DataSource.CreateCommand($"DELETE FROM {table} WHERE {column} = ANY($1)");
            command.CommandTimeout = 300;
            command.Parameters.Add(new NpgsqlParameter { Value = keys });
            await command.ExecuteNonQueryAsync();
        }
    }
}
