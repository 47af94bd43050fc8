using Npgsql;

namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// A scratch database an earlier run kept (<c>--import-keep-db</c>): a benchmark that finds it holding
/// exactly what it would load measures it again instead of loading for minutes.
/// </summary>
internal static class KeptDatabase
{
    /// <summary>Whether each of <paramref name="tables"/> holds exactly its number of rows; false for a database that is missing or not migrated.</summary>
    public static async Task<bool> HoldsAsync(string connectionString, CancellationToken cancellationToken, params (string Table, long Rows)[] tables)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            foreach (var (table, rows) in tables)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
                if ((long)(await count.ExecuteScalarAsync(cancellationToken))! != rows)
                {
                    return false;
                }
            }

            return true;
        }
        catch (PostgresException)
        {
            // No such database, or not migrated.
            return false;
        }
    }
}
