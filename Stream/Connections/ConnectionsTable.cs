using System.Text.Json.Nodes;
using Datapunk.Lake.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Streams.Connections;

/// <summary>
/// <c>user_data.connections</c>, every statement in the connection's user's row-level-security scope.
/// A connection's polled pages are stored by <see cref="Polling.PolledPageStore"/>, which moves the cursor.
/// </summary>
public sealed class ConnectionsTable(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        user_id, provider, account, display_name, status, paused, cursor::text, import_id, polls, records,
        last_poll, last_success, last_error, last_error_at, failures, next_poll, created_at
        """;

    /// <summary>
    /// Creates the connection (with the <c>imports.jobs</c> row its polled pages belong to), or, for an
    /// account connected before, marks it connected again and keeps its cursor and lineage.
    /// </summary>
    public async Task<ConnectionRow> ConnectAsync(ConnectionKey key, string? displayName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO user_data.connections (user_id, provider, account, display_name, import_id, next_poll)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (user_id, provider, account) DO UPDATE SET
                display_name = excluded.display_name, status = 'connected', failures = 0, next_poll = now(), updated_at = now()
            """, connection, transaction))
        {
            AddKey(upsert, key);
            upsert.Parameters.Add(new() { Value = (object?)displayName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            upsert.Parameters.Add(new() { Value = Guid.NewGuid() });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        var row = await FindAsync(connection, transaction, key, cancellationToken)
            ?? throw new InvalidOperationException($"Connection {key.Id} of '{key.UserId}' vanished while it was created.");
        await using (var job = new NpgsqlCommand("""
            INSERT INTO imports.jobs (import_id, user_id, status, paths) VALUES ($1, $2, 'Streaming', $3)
            ON CONFLICT (import_id) DO UPDATE SET status = 'Streaming', finished_at = NULL
            """, connection, transaction))
        {
            job.Parameters.Add(new() { Value = row.ImportId });
            job.Parameters.Add(new() { Value = key.UserId });
            job.Parameters.Add(new() { Value = new[] { $"{key.Provider}-api:{key.Account}" } });
            await job.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    public async Task<ConnectionRow?> FindAsync(ConnectionKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        var row = await FindAsync(connection, transaction, key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>The user's connections by provider and account.</summary>
    public async Task<IReadOnlyList<ConnectionRow>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var query = new NpgsqlCommand(
            $"SELECT {Columns} FROM user_data.connections WHERE user_id = $1 ORDER BY provider, account", connection, transaction);
        query.Parameters.Add(new() { Value = userId });
        var rows = new List<ConnectionRow>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Pauses or resumes polling; false when there is no such connection.</summary>
    public Task<bool> SetPausedAsync(ConnectionKey key, bool paused, CancellationToken cancellationToken) =>
        UpdateAsync(key, "paused = $4, next_poll = CASE WHEN $4 THEN NULL ELSE now() END", cancellationToken, paused);

    /// <summary>Records a poll that failed: the error, the status it leaves, and when to try again.</summary>
    public Task<bool> RecordFailureAsync(ConnectionKey key, string status, string error, DateTimeOffset nextPoll, CancellationToken cancellationToken) =>
        UpdateAsync(key, "status = $4, last_error = $5, last_error_at = now(), last_poll = now(), failures = failures + 1, next_poll = $6",
            cancellationToken, status, error, nextPoll);

    /// <summary>Marks the connection as being polled now.</summary>
    public Task<bool> MarkSyncingAsync(ConnectionKey key, CancellationToken cancellationToken) =>
        UpdateAsync(key, "status = 'syncing'", cancellationToken);

    /// <summary>
    /// Removes the connection; its records and their lineage stay (the job row says it ended). False
    /// when there was none.
    /// </summary>
    public async Task<bool> DeleteAsync(ConnectionKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        await using var delete = new NpgsqlCommand("""
            WITH removed AS (
                DELETE FROM user_data.connections WHERE user_id = $1 AND provider = $2 AND account = $3 RETURNING import_id)
            UPDATE imports.jobs j SET status = 'Disconnected', finished_at = now() FROM removed WHERE j.import_id = removed.import_id
            RETURNING 1
            """, connection, transaction);
        AddKey(delete, key);
        var removed = await delete.ExecuteScalarAsync(cancellationToken) is not null;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    internal static async Task<ConnectionRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ConnectionKey key, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            $"SELECT {Columns} FROM user_data.connections WHERE user_id = $1 AND provider = $2 AND account = $3", connection, transaction);
        AddKey(query, key);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    internal static void AddKey(NpgsqlCommand command, ConnectionKey key)
    {
        command.Parameters.Add(new() { Value = key.UserId });
        command.Parameters.Add(new() { Value = key.Provider });
        command.Parameters.Add(new() { Value = key.Account });
    }

    private async Task<bool> UpdateAsync(ConnectionKey key, string assignments, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        await using var update = new NpgsqlCommand(
            $"UPDATE user_data.connections SET {assignments}, updated_at = now() WHERE user_id = $1 AND provider = $2 AND account = $3",
            connection, transaction);
        AddKey(update, key);
        foreach (var value in values)
        {
            update.Parameters.Add(new() { Value = value });
        }

        var changed = await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    private static ConnectionRow Read(NpgsqlDataReader reader) => new(
        new ConnectionKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetBoolean(5),
        JsonNode.Parse(reader.GetString(6))?.AsObject() ?? [],
        reader.GetGuid(7),
        reader.GetInt64(8),
        reader.GetInt64(9),
        Time(reader, 10),
        Time(reader, 11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        Time(reader, 13),
        reader.GetInt32(14),
        Time(reader, 15),
        reader.GetFieldValue<DateTimeOffset>(16));

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
