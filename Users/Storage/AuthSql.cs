using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users;

/// <summary>
/// Statements on the auth tables: positional parameters, each statement in its own transaction as the
/// application role (<see cref="ApplicationRoleScope"/>).
/// </summary>
internal static class AuthSql
{
    public static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Runs a statement and returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        int rows;
        await using (var command = Command(sql, connection, transaction, values))
        {
            rows = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Runs a query (or a statement with RETURNING) and maps each row.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        var rows = new List<T>();
        await using (var command = Command(sql, connection, transaction, values))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }
}
