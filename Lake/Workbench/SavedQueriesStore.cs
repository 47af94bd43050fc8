using Npgsql;
using Datapunk.Lake.Storage;

namespace Datapunk.Lake.Workbench;

/// <summary>The user's saved workbench queries (<c>user_data.sql_saved</c>, migration 0043), under the user's row-level security.</summary>
public sealed class SavedQueriesStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "saved_id, name, sql, created_at, updated_at";

    public async Task<IReadOnlyList<SavedSqlQuery>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM user_data.sql_saved WHERE user_id = $1 ORDER BY name", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var saved = new List<SavedSqlQuery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            saved.Add(Read(reader));
        }

        return saved;
    }

    /// <summary>Saves under <paramref name="name"/>, replacing the user's query of that name.</summary>
    public async Task<SavedSqlQuery> SaveAsync(string userId, string name, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO user_data.sql_saved (user_id, name, sql) VALUES ($1, $2, $3)
            ON CONFLICT ON CONSTRAINT sql_saved_name DO UPDATE SET sql = excluded.sql, updated_at = now()
            RETURNING {Columns}
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = sql });
        SavedSqlQuery saved;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            saved = Read(reader);
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<bool> DeleteAsync(string userId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM user_data.sql_saved WHERE user_id = $1 AND saved_id = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static SavedSqlQuery Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4));
}
