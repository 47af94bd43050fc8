using System.Text.Json;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Tables;

/// <summary>A user's own tables: listed, read a page of rows at a time, and deleted, each under the user's row-level security.</summary>
public sealed class UserTableCatalog(NpgsqlDataSource dataSource)
{
    public const int MaxPageRows = 1_000;

    private const string Description = "name, file_name, format, columns::text, row_count, byte_count, created_at, updated_at";

    public async Task<IReadOnlyList<UserTable>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var tables = new List<UserTable>();
        await InTransactionAsync(userId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Description} FROM user_data.user_tables WHERE user_id = $1 ORDER BY name", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(Table(reader));
            }
        }, cancellationToken);
        return tables;
    }

    /// <summary>The table and up to <paramref name="limit"/> rows from the <paramref name="offset"/>-th (0-based) in file order; null when the user has no such table.</summary>
    public async Task<UserTableRows?> GetAsync(string userId, string name, long offset, int limit, CancellationToken cancellationToken)
    {
        UserTableRows? page = null;
        await InTransactionAsync(userId, async (connection, transaction) =>
        {
            UserTable table;
            long tableId;
            await using (var command = new NpgsqlCommand(
                $"SELECT {Description}, table_id FROM user_data.user_tables WHERE user_id = $1 AND name = $2", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = userId });
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return;
                }

                (table, tableId) = (Table(reader), reader.GetInt64(8));
            }

            var rows = new List<JsonElement>();
            await using (var command = new NpgsqlCommand("""
                SELECT row_values::text FROM user_data.user_table_rows
                WHERE user_id = $1 AND table_id = $2 ORDER BY row_number OFFSET $3 LIMIT $4
                """, connection, transaction))
            {
                foreach (var value in new object[] { userId, tableId, offset, limit + 1 })
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    using var document = JsonDocument.Parse(reader.GetString(0));
                    rows.Add(document.RootElement.Clone());
                }
            }

            var more = rows.Count > limit;
            page = new UserTableRows(table, offset, more ? rows[..limit] : rows, more ? offset + limit : null);
        }, cancellationToken);
        return page;
    }

    /// <summary>Deletes the table and its rows; returns how many rows it had, or null when the user has no such table.</summary>
    public async Task<long?> DeleteAsync(string userId, string name, CancellationToken cancellationToken)
    {
        long? rows = null;
        await InTransactionAsync(userId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM user_data.user_tables WHERE user_id = $1 AND name = $2 RETURNING row_count", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            rows = (long?)await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);
        return rows;
    }

    private async Task InTransactionAsync(string userId, Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private static UserTable Table(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2),
        JsonSerializer.Deserialize<List<TableColumn>>(reader.GetString(3), JsonSerializerOptions.Web) ?? [],
        reader.GetInt64(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7));
}
