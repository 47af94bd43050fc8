using System.Text.Json;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// <c>imports.jobs</c>: one row per import, a listing mirror of the job grain's state (the grain's
/// state is the truth; the row lets a user's imports be listed without waking every job grain).
/// </summary>
public sealed class ImportJobsTable(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Creates the row of a new import (or leaves an existing one as it is).</summary>
    public async Task CreateAsync(ImportProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, progress.UserId, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports.jobs (import_id, user_id, status, paths, created_at, summary)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            ON CONFLICT (import_id) DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = progress.ImportId });
        command.Parameters.Add(new NpgsqlParameter { Value = progress.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = progress.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = progress.Paths.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = progress.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(progress, Json) });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Mirrors the job's status and figures.</summary>
    public async Task UpdateAsync(ImportProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, progress.UserId, cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE imports.jobs SET status = $2, finished_at = $3, summary = $4::jsonb WHERE import_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = progress.ImportId });
        command.Parameters.Add(new NpgsqlParameter { Value = progress.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)progress.FinishedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(progress, Json) });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The user's imports whose mirror does not say they finished (their grains know whether they still run).</summary>
    public async Task<IReadOnlyList<Guid>> ListUnfinishedAsync(string userId, CancellationToken cancellationToken)
    {
        var imports = new List<Guid>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT import_id FROM imports.jobs WHERE user_id = $1 AND finished_at IS NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            imports.Add(reader.GetGuid(0));
        }

        return imports;
    }

    /// <summary>The user's imports as last mirrored, newest first.</summary>
    public async Task<IReadOnlyList<ImportProgress>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var imports = new List<ImportProgress>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT summary::text FROM imports.jobs WHERE user_id = $1 AND summary IS NOT NULL ORDER BY created_at DESC", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<ImportProgress>(reader.GetString(0), Json) is { } progress)
            {
                imports.Add(progress);
            }
        }

        return imports;
    }
}
