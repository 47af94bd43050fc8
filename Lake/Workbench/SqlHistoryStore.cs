using Npgsql;
using Datapunk.Lake.Storage;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// The user's workbench history (<c>user_data.sql_history</c>, migration 0043), written and read under the user's
/// row-level security through the silos' pool; the newest <see cref="WorkbenchLimits.HistoryKept"/> are kept.
/// </summary>
public sealed class SqlHistoryStore(NpgsqlDataSource dataSource, WorkbenchLimits limits)
{
    public async Task AddAsync(string userId, string sql, WorkbenchResult result, bool unmasked, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO user_data.sql_history (user_id, sql, elapsed_ms, row_count, truncated, cached, unmasked, error)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = userId });
            insert.Parameters.Add(new NpgsqlParameter { Value = sql });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)Math.Min(result.ElapsedMs, int.MaxValue) });
            insert.Parameters.Add(new NpgsqlParameter { Value = result.RowCount });
            insert.Parameters.Add(new NpgsqlParameter { Value = result.Truncated });
            insert.Parameters.Add(new NpgsqlParameter { Value = result.Cached });
            insert.Parameters.Add(new NpgsqlParameter { Value = unmasked });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)result.Error?.Message ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var trim = new NpgsqlCommand("""
            DELETE FROM user_data.sql_history WHERE user_id = $1 AND history_id <=
                (SELECT history_id FROM user_data.sql_history WHERE user_id = $1 ORDER BY history_id DESC OFFSET $2 LIMIT 1)
            """, connection, transaction))
        {
            trim.Parameters.Add(new NpgsqlParameter { Value = userId });
            trim.Parameters.Add(new NpgsqlParameter { Value = limits.HistoryKept });
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SqlHistoryEntry>> ListAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT history_id, sql, ran_at, elapsed_ms, row_count, truncated, cached, unmasked, error
            FROM user_data.sql_history WHERE user_id = $1 ORDER BY history_id DESC LIMIT $2
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<SqlHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SqlHistoryEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries;
    }
}
