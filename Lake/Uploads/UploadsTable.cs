using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Uploads;

/// <summary>
/// <c>imports.uploads</c>: the state of every upload, so that any silo can continue one. Every
/// statement runs under the owner's id (<see cref="UserDataScope"/>), except the sweeper's listing
/// of expired uploads, which shows ids and owners only.
/// </summary>
public sealed class UploadsTable(NpgsqlDataSource dataSource)
{
    private const string Columns = "upload_id, user_id, length, received, file_name, created_at, expires_at, completed_at, import_id";

    public Task InsertAsync(Upload upload, CancellationToken cancellationToken) =>
        ExecuteAsync(upload.UserId, """
            INSERT INTO imports.uploads (upload_id, user_id, length, received, file_name, created_at, expires_at, completed_at)
            VALUES ($1, $2, $3, 0, $4, $5, $6, $7)
            """, cancellationToken, upload.UploadId, upload.UserId, upload.Length, upload.FileName, upload.CreatedAt, upload.ExpiresAt, upload.CompletedAt);

    /// <summary>The bytes the user's uploads hold (or will, once finished) and how many are unfinished.</summary>
    public Task<(long Bytes, int Open)> UsageAsync(string userId, CancellationToken cancellationToken) =>
        InScopeAsync(userId, async command =>
        {
            command.CommandText = "SELECT coalesce(sum(length), 0)::bigint, count(*) FILTER (WHERE completed_at IS NULL)::int FROM imports.uploads WHERE user_id = $1";
            Add(command, userId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt32(1));
        }, cancellationToken);

    public Task<Upload?> GetAsync(string userId, Guid uploadId, CancellationToken cancellationToken) =>
        InScopeAsync(userId, async command =>
        {
            command.CommandText = $"SELECT {Columns} FROM imports.uploads WHERE upload_id = $1";
            Add(command, uploadId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }, cancellationToken);

    /// <summary>
    /// Takes the upload for one writer, if it is unfinished, unexpired, at <paramref name="offset"/> and
    /// held by no live writer: of two concurrent PATCHes, one gets it.
    /// </summary>
    public async Task<bool> TryTakeWriterAsync(string userId, Guid uploadId, long offset, Guid writer, TimeSpan lease, CancellationToken cancellationToken) =>
        await ExecuteAsync(userId, """
            UPDATE imports.uploads SET writer = $3, writer_until = now() + $4
            WHERE upload_id = $1 AND received = $2 AND completed_at IS NULL AND (expires_at IS NULL OR expires_at > now())
              AND (writer IS NULL OR writer_until < now())
            """, cancellationToken, uploadId, offset, writer, lease) == 1;

    /// <summary>
    /// Records bytes synced to disk, renews the writer's lease and the upload's expiry, and marks the
    /// upload finished when it has all its bytes; false when another writer took the upload over.
    /// </summary>
    public async Task<bool> RecordAsync(
        string userId, Guid uploadId, Guid writer, long received, TimeSpan lease, TimeSpan expiry, CancellationToken cancellationToken) =>
        await ExecuteAsync(userId, """
            UPDATE imports.uploads SET received = $3, writer_until = now() + $4, expires_at = now() + $5,
                completed_at = CASE WHEN $3 = length THEN now() END
            WHERE upload_id = $1 AND writer = $2
            """, cancellationToken, uploadId, writer, received, lease, expiry) == 1;

    public Task ReleaseWriterAsync(string userId, Guid uploadId, Guid writer, CancellationToken cancellationToken) =>
        ExecuteAsync(userId, "UPDATE imports.uploads SET writer = NULL, writer_until = NULL WHERE upload_id = $1 AND writer = $2",
            cancellationToken, uploadId, writer);

    public async Task<bool> DeleteAsync(string userId, Guid uploadId, CancellationToken cancellationToken) =>
        await ExecuteAsync(userId, "DELETE FROM imports.uploads WHERE upload_id = $1", cancellationToken, uploadId) == 1;

    /// <summary>Which of <paramref name="uploadIds"/> the user still has uploads by, expired or not.</summary>
    public Task<HashSet<Guid>> ExistingAsync(string userId, IReadOnlyCollection<Guid> uploadIds, CancellationToken cancellationToken) =>
        InScopeAsync(userId, async command =>
        {
            command.CommandText = "SELECT upload_id FROM imports.uploads WHERE upload_id = ANY($1)";
            Add(command, uploadIds.ToArray());
            var existing = new HashSet<Guid>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetGuid(0));
            }

            return existing;
        }, cancellationToken);

    /// <summary>Marks uploads as read by an import: they no longer expire while it runs.</summary>
    public Task ClaimAsync(string userId, IReadOnlyList<Guid> uploadIds, Guid importId, CancellationToken cancellationToken) =>
        ExecuteAsync(userId, "UPDATE imports.uploads SET import_id = $2, expires_at = NULL WHERE upload_id = ANY($1)",
            cancellationToken, uploadIds.ToArray(), importId);

    /// <summary>Up to <paramref name="most"/> expired uploads of any user: ids and owners only.</summary>
    public async Task<IReadOnlyList<(string UserId, Guid UploadId)>> ListExpiredAsync(int most, CancellationToken cancellationToken)
    {
        var expired = new List<(string, Guid)>();
        await using var command = dataSource.CreateCommand("SELECT user_id, upload_id FROM imports.expired_uploads(now(), $1)");
        Add(command, most);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            expired.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return expired;
    }

    /// <summary>Deletes an upload if it is still expired and no live writer holds it.</summary>
    public async Task<bool> DeleteExpiredAsync(string userId, Guid uploadId, CancellationToken cancellationToken) =>
        await ExecuteAsync(userId,
            "DELETE FROM imports.uploads WHERE upload_id = $1 AND expires_at < now() AND (writer IS NULL OR writer_until < now())",
            cancellationToken, uploadId) == 1;

    private Task<int> ExecuteAsync(string userId, string sql, CancellationToken cancellationToken, params object?[] values) =>
        InScopeAsync(userId, command =>
        {
            command.CommandText = sql;
            Add(command, values);
            return command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private async Task<T> InScopeAsync<T>(string userId, Func<NpgsqlCommand, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        var result = await work(command);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    private static Upload Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetGuid(8));
}
