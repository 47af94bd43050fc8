using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>Writes a small synthetic corpus for one user, in the user's row-level-security scope as the import's merge does.</summary>
public static class SearchCorpus
{
    public static async Task InsertAsync(NpgsqlDataSource dataSource, string userId, IEnumerable<TestRecord> records)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, CancellationToken.None);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in records)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO user_data.records (user_id, kind, identity, occurred_at, title, body, position, file_id)
                VALUES ($1, $2, $3, $4, $5, $6,
                        CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8::float8, $7::float8), 4326)::geography END, $9)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            command.Parameters.Add(new NpgsqlParameter { Value = (short)record.Kind });
            command.Parameters.Add(new NpgsqlParameter { Value = record.Identity });
            command.Parameters.Add(new NpgsqlParameter<DateTime?>() { TypedValue = record.OccurredAt?.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<string?>() { TypedValue = record.Title });
            command.Parameters.Add(new NpgsqlParameter<string?>() { TypedValue = record.Body });
            command.Parameters.Add(new NpgsqlParameter<double?>() { TypedValue = record.Lat });
            command.Parameters.Add(new NpgsqlParameter<double?>() { TypedValue = record.Lng });
            command.Parameters.Add(new NpgsqlParameter { Value = record.FileId });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>An import file row of the user with <paramref name="formatId"/>, which records point to as their provenance; returns its id.</summary>
    public static async Task<long> InsertFileAsync(NpgsqlDataSource dataSource, string userId, string formatId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, CancellationToken.None);
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status)
            VALUES (gen_random_uuid(), $2, $1, 'test', $2, $2, 'imported') RETURNING file_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = formatId });
        var fileId = (long)(await command.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        return fileId;
    }
}
