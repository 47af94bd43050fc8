using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>Statements run for their effect alone (DDL, settings, locks), with no parameters and nothing to read back.</summary>
internal static class SqlStatements
{
    /// <summary>Runs <paramref name="sql"/>; <paramref name="commandTimeout"/> in seconds, 0 for none (index builds).</summary>
    public static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, int? commandTimeout = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (commandTimeout is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
