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
        "timeseries.location_points", "user_data.records", "imports.entry_chunks", "imports.file_matches", "imports.unknown_fields", "imports.files",
        "imports.entry_ledger", "imports.jobs", "auth.accounts", "user_data.catalog_datasets", "user_data.catalog_schema_versions",
        "user_data.catalog_quality_history", "user_data.catalog_refreshes", "user_data.user_tables",
    ];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await DeleteUsersAsync([.. ImportDatabase.Users]);
        foreach (var clusterId in ImportDatabase.Clusters)
        {
            await ImportDatabase.Database.DeleteClusterAsync(clusterId, CancellationToken.None);
        }
    }

    private static async Task DeleteUsersAsync(string[] users)
    {
        if (users.Length == 0)
        {
            return;
        }

        foreach (var table in UserTables)
        {
            await using var command = ImportDatabase.DataSource.CreateCommand($"DELETE FROM {table} WHERE user_id = ANY($1)");
            command.CommandTimeout = 300;
            command.Parameters.Add(new NpgsqlParameter { Value = users });
            await command.ExecuteNonQueryAsync();
        }
    }
}
