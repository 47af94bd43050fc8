using System.Security.Cryptography;
using System.Text;
using Datapunk.Lake.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Replaces a user's catalog with one refresh's datasets in one transaction (a crash before its commit leaves the
/// previous snapshot whole): a new schema version where a dataset's fields changed, a quality snapshot per dataset for
/// the trend, and every refresh asked for before this one started marked done.
/// </summary>
internal static class CatalogSnapshotStore
{
    private const string LastVersions = """
        SELECT DISTINCT ON (dataset) dataset, version, fields_hash FROM user_data.catalog_schema_versions
        WHERE user_id = @user ORDER BY dataset, version DESC
        """;

    public static async Task SaveAsync(
        NpgsqlDataSource dataSource, string userId, IReadOnlyList<MeasuredDataset> datasets, DateTimeOffset startedAt, long elapsedMs, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        var versions = new Dictionary<string, (int Version, string Hash)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(LastVersions, connection, transaction))
        {
            command.Parameters.AddWithValue("user", userId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[reader.GetString(0)] = (reader.GetInt32(1), reader.GetString(2));
            }
        }

        var commands = new List<NpgsqlCommand> { Command("DELETE FROM user_data.catalog_datasets WHERE user_id = @user", userId) };
        foreach (var dataset in datasets)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", dataset.SchemaFields.Order(StringComparer.Ordinal)))));
            var version = versions.TryGetValue(dataset.Facts.Id, out var last) ? last.Version : 0;
            if (last.Hash != hash && dataset.Fields.Count > 0)
            {
                version++;
                var insert = Command(
                    "INSERT INTO user_data.catalog_schema_versions (user_id, dataset, version, fields, fields_hash) VALUES (@user, @dataset, @version, @fields, @hash)", userId);
                insert.Parameters.AddWithValue("dataset", dataset.Facts.Id);
                insert.Parameters.AddWithValue("version", version);
                insert.Parameters.AddWithValue("fields", NpgsqlDbType.Jsonb, CatalogJson.Write(dataset.SchemaFields));
                insert.Parameters.AddWithValue("hash", hash);
                commands.Add(insert);
            }

            var row = Command("""
                INSERT INTO user_data.catalog_datasets (user_id, dataset, zone, refresh_no, summary, detail)
                VALUES (@user, @dataset, @zone, (SELECT coalesce(max(refresh_no), 0) FROM user_data.catalog_refreshes WHERE user_id = @user), @summary, @detail)
                """, userId);
            row.Parameters.AddWithValue("dataset", dataset.Facts.Id);
            row.Parameters.AddWithValue("zone", dataset.Facts.Zone);
            row.Parameters.AddWithValue("summary", NpgsqlDbType.Jsonb, CatalogJson.Write(dataset.Summary(version)));
            row.Parameters.AddWithValue("detail", NpgsqlDbType.Jsonb, CatalogJson.Write(new CatalogDetailDocument(
                dataset.Fields, dataset.Quality, dataset.Pii, [.. dataset.Facts.Files.Take(CatalogLimits.SourceFiles)])));
            commands.Add(row);

            var history = Command("""
                INSERT INTO user_data.catalog_quality_history (user_id, dataset, refresh_no, scores)
                VALUES (@user, @dataset, (SELECT coalesce(max(refresh_no), 0) FROM user_data.catalog_refreshes WHERE user_id = @user), @scores)
                ON CONFLICT (user_id, dataset, refresh_no) DO UPDATE SET scores = excluded.scores, computed_at = now()
                """, userId);
            history.Parameters.AddWithValue("dataset", dataset.Facts.Id);
            history.Parameters.AddWithValue("scores", NpgsqlDbType.Jsonb, CatalogJson.Write(dataset.Scores));
            commands.Add(history);
        }

        var done = Command("""
            UPDATE user_data.catalog_refreshes SET started_at = coalesce(started_at, @started), finished_at = now(), elapsed_ms = @elapsed, datasets = @count
            WHERE user_id = @user AND finished_at IS NULL AND requested_at <= @started
            """, userId);
        done.Parameters.AddWithValue("started", startedAt);
        done.Parameters.AddWithValue("elapsed", (int)Math.Min(elapsedMs, int.MaxValue));
        done.Parameters.AddWithValue("count", datasets.Count);
        commands.Add(done);

        foreach (var command in commands)
        {
            await using (command)
            {
                command.Connection = connection;
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(string sql, string userId)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.AddWithValue("user", userId);
        return command;
    }
}
