using System.Buffers;
using System.Text.Json;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Tables;

/// <summary>
/// Stores an uploaded file as one of the user's tables (migration 0041), in one transaction under the user's
/// row-level security: its description, then every row validated against its column's type and copied in
/// batches (binary COPY into a temporary table, which row-level security does not cover, then inserted as the
/// user's). The first bad value ends it with an error naming its row and column and nothing stays stored;
/// a table of the same name is replaced only when asked.
/// </summary>
public sealed class UserTableWriter(NpgsqlDataSource dataSource, UserTablesOptions options)
{
    private const string Staged = "user_table_rows_staged";

    /// <exception cref="TableFileException">The file cannot be read, or a value does not fit its column.</exception>
    /// <exception cref="TableColumnChangeException">A correction of the columns cannot apply.</exception>
    /// <exception cref="UserTableExistsException">A table of that name exists and <paramref name="replace"/> is false.</exception>
    public async Task<UserTable> StoreAsync(
        string userId, string name, string path, string fileName, string format, TableReadOptions read, TableColumnChanges changes, bool replace,
        CancellationToken cancellationToken)
    {
        if (!ColumnNames.IsValid(name))
        {
            throw new TableColumnChangeException($"\"{name}\" cannot name a table: it must be {ColumnNames.Rule}.");
        }

        await using var reading = await TableReading.OpenAsync(path, format, read, changes, cancellationToken);
        var columns = reading.TableColumns;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        if (replace)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM user_data.user_tables WHERE user_id = $1 AND name = $2", cancellationToken, userId, name);
        }

        var (tableId, createdAt) = await InsertDescriptionAsync(connection, transaction, userId, name, fileName, format, columns, new FileInfo(path).Length, cancellationToken);
        await SqlStatements.ExecuteAsync(connection, transaction,
            $"CREATE TEMPORARY TABLE {Staged} (row_number bigint NOT NULL, row_values jsonb NOT NULL) ON COMMIT DROP", cancellationToken);
        var rowCount = await CopyRowsAsync(connection, transaction, userId, tableId, reading, cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE user_data.user_tables SET row_count = $2, updated_at = now() WHERE table_id = $1",
            cancellationToken, tableId, rowCount);
        await transaction.CommitAsync(cancellationToken);
        return new UserTable(name, fileName, format, columns, rowCount, new FileInfo(path).Length, createdAt, createdAt);
    }

    private static async Task<(long TableId, DateTimeOffset CreatedAt)> InsertDescriptionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, string name, string fileName, string format,
        IReadOnlyList<TableColumn> columns, long bytes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO user_data.user_tables (user_id, name, file_name, format, columns, byte_count)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6)
            RETURNING table_id, created_at
            """, connection, transaction);
        foreach (var value in new object[] { userId, name, fileName, format, JsonSerializer.Serialize(columns, JsonSerializerOptions.Web), bytes })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new UserTableExistsException(name);
        }
    }

    private async Task<long> CopyRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, long tableId, TableReading reading, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        await using var json = new Utf8JsonWriter(buffer);
        long count = 0;
        BinaryCopyWriter? copy = null;
        var inBatch = 0;
        try
        {
            await foreach (var row in reading.RowsAsync(cancellationToken))
            {
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                WriteRow(json, row, reading.Columns);
                json.Flush();
                copy ??= await BinaryCopyWriter.StartAsync(connection, $"COPY {Staged} (row_number, row_values) FROM STDIN (FORMAT BINARY)", cancellationToken);
                await copy.StartRowAsync(2, cancellationToken);
                copy.WriteInt64(row.Number);
                copy.WriteJsonb(buffer.WrittenSpan);
                count++;
                if (++inBatch == options.BatchRows)
                {
                    await MoveBatchAsync(connection, transaction, copy, userId, tableId, cancellationToken);
                    await copy.DisposeAsync();
                    (copy, inBatch) = (null, 0);
                }
            }

            if (copy is not null)
            {
                await MoveBatchAsync(connection, transaction, copy, userId, tableId, cancellationToken);
            }

            return count;
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }
    }

    /// <summary>Ends the COPY and moves the staged rows into the user's table.</summary>
    private static async Task MoveBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BinaryCopyWriter copy, string userId, long tableId, CancellationToken cancellationToken)
    {
        await copy.CompleteAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO user_data.user_table_rows (user_id, table_id, row_number, row_values)
            SELECT $1, $2, row_number, row_values FROM {Staged};
            """, cancellationToken, userId, tableId);
        await SqlStatements.ExecuteAsync(connection, transaction, $"TRUNCATE {Staged}", cancellationToken);
    }

    private static void WriteRow(Utf8JsonWriter json, TableRow row, IReadOnlyList<ColumnPlan> columns)
    {
        json.WriteStartObject();
        foreach (var plan in columns)
        {
            var column = plan.Column;
            if (row.Cells[plan.Position] is not { } cell)
            {
                json.WriteNull(column.Name);
            }
            else if (ColumnValues.Write(json, column.Name, cell, column.Type, plan.Format) is { } problem)
            {
                var source = column.Source.Length > 0 && column.Source != column.Name ? $" ({column.Source})" : "";
                throw new TableFileException(
                    $"row {TableValues.Count(row.Number)}, column \"{column.Name}\"{source}: \"{TableValues.Shorten(ColumnValues.AsText(cell))}\" {problem}");
            }
        }

        json.WriteEndObject();
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
