using Npgsql;

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>The PostgreSQL database the silos under test use, and out-of-band access to the runtime's tables.</summary>
internal static class TestDatabase
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Database=datapunk_test;Username=datapunk;Password=datapunk";

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("DATAPUNK_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Runs a statement with named parameters and returns the number of rows it touched.</summary>
    public static async Task<int> ExecuteAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many state records the grain has in the cluster's storage.</summary>
    public static async Task<long> CountStateRowsAsync(string clusterId, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM actors.grain_state WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Removes every row a test cluster left in the runtime's tables.</summary>
    public static async Task DeleteClusterAsync(string clusterId)
    {
        string[] tables = ["grain_state", "reminders", "partition_leases", "silos", "activation_history"];
        foreach (var table in tables)
        {
            await ExecuteAsync(
                $"DELETE FROM actors.{table} WHERE cluster_id = @cluster",
                new Dictionary<string, object> { ["cluster"] = clusterId },
                CancellationToken.None);
        }
    }
}
