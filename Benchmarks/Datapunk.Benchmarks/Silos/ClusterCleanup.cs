using Npgsql;

namespace Datapunk.Benchmarks.Silos;

/// <summary>Deletes the rows benchmark clusters left in the shared database (state, leases, membership).</summary>
internal static class ClusterCleanup
{
    private static readonly string[] Tables =
        ["actors.grain_state", "actors.reminders", "actors.activation_history", "actors.partition_leases", "actors.silos"];

    public static async Task DeleteAsync(string connectionString, IReadOnlyList<string> clusterIds)
    {
        if (clusterIds.Count == 0)
        {
            return;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            foreach (var table in Tables)
            {
                await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE cluster_id = ANY(@clusters)");
                command.Parameters.AddWithValue("clusters", clusterIds.ToArray());
                await command.ExecuteNonQueryAsync();
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Could not delete the rows of benchmark clusters {string.Join(", ", clusterIds)}: {exception.Message}");
        }
    }
}
