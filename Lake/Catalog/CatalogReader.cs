using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Lake.Catalog;

/// <summary>A user's catalog as its last complete refresh stored it: the datasets, and one dataset in full with its schema versions, drift and quality trend.</summary>
public sealed class CatalogReader(NpgsqlDataSource dataSource)
{
    private const string Datasets = """
        SELECT summary::text FROM user_data.catalog_datasets WHERE user_id = @user
        ORDER BY CASE zone WHEN 'bronze' THEN 0 WHEN 'silver' THEN 1 ELSE 2 END, dataset
        """;

    private const string Refreshes = """
        SELECT (SELECT finished_at FROM user_data.catalog_refreshes WHERE user_id = @user AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1),
               (SELECT elapsed_ms FROM user_data.catalog_refreshes WHERE user_id = @user AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1),
               EXISTS (SELECT 1 FROM user_data.catalog_refreshes WHERE user_id = @user AND finished_at IS NULL)
        """;

    private const string Dataset = "SELECT summary::text, detail::text FROM user_data.catalog_datasets WHERE user_id = @user AND dataset = @dataset";

    private const string Versions = """
        SELECT version, seen_at, fields::text FROM user_data.catalog_schema_versions WHERE user_id = @user AND dataset = @dataset ORDER BY version
        """;

    private const string Drift = """
        SELECT u.field_path, u.example, u.file_id, f.path, coalesce(f.finished_at, f.started_at) AS seen_at
        FROM imports.unknown_fields u JOIN imports.files f ON f.file_id = u.file_id
        WHERE u.user_id = @user AND f.format_id = @format
        ORDER BY seen_at DESC, u.field_path LIMIT 100
        """;

    private const string Trend = """
        SELECT computed_at, scores::text FROM (
            SELECT computed_at, scores FROM user_data.catalog_quality_history WHERE user_id = @user AND dataset = @dataset
            ORDER BY refresh_no DESC LIMIT @points) AS t
        ORDER BY computed_at
        """;

    public async Task<CatalogOverview> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        var datasets = new List<CatalogDataset>();
        await using (var command = Command(read, Datasets, userId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                datasets.Add(InOrder(CatalogJson.Read<CatalogDataset>(reader.GetString(0))));
            }
        }

        await using (var command = Command(read, Refreshes, userId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            return new CatalogOverview(
                datasets, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.GetBoolean(2), reader.IsDBNull(1) ? null : reader.GetInt32(1));
        }
    }

    /// <summary>The dataset named <paramref name="dataset"/>, or null when the user's catalog has none of that name.</summary>
    public async Task<CatalogDatasetDetail?> GetAsync(string userId, string dataset, CancellationToken cancellationToken)
    {
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        CatalogDataset summary;
        CatalogDetailDocument detail;
        await using (var command = Command(read, Dataset, userId, dataset))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (summary, detail) = (InOrder(CatalogJson.Read<CatalogDataset>(reader.GetString(0))), CatalogJson.Read<CatalogDetailDocument>(reader.GetString(1)));
        }

        var versions = new List<SchemaVersion>();
        await using (var command = Command(read, Versions, userId, dataset))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            IReadOnlyList<string> before = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                var fields = CatalogJson.Read<List<string>>(reader.GetString(2));
                versions.Add(new SchemaVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), fields, [.. fields.Except(before)], [.. before.Except(fields)]));
                before = fields;
            }
        }

        var drift = new List<SchemaDriftEvent>();
        if (summary.Zone == CatalogZones.Silver && summary.Origin != DatasetOrigins.Upload)
        {
            await using var command = Command(read, Drift, userId, dataset);
            command.Parameters.AddWithValue("format", summary.Source);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                drift.Add(new SchemaDriftEvent(
                    reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        var trend = new List<QualityTrendPoint>();
        await using (var command = Command(read, Trend, userId, dataset))
        {
            command.Parameters.AddWithValue("points", CatalogLimits.TrendPoints);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                trend.Add(new QualityTrendPoint(reader.GetFieldValue<DateTimeOffset>(0), InOrder(CatalogJson.Read<Dictionary<string, double?>>(reader.GetString(1)))));
            }
        }

        return new CatalogDatasetDetail(summary, detail.Fields, versions, drift, detail.Quality, detail.Pii, trend, detail.Sources);
    }

    /// <summary>jsonb keeps no key order: the scores come back in the catalog's order of dimensions.</summary>
    private static Dictionary<string, double?> InOrder(IReadOnlyDictionary<string, double?> scores) =>
        QualityDimensions.All.Where(scores.ContainsKey).ToDictionary(dimension => dimension, dimension => scores[dimension], StringComparer.Ordinal);

    private static CatalogDataset InOrder(CatalogDataset dataset) => dataset with { Quality = InOrder(dataset.Quality) };

    private static NpgsqlCommand Command(ReadTransaction read, string sql, string userId, string? dataset = null)
    {
        var command = read.Command(sql);
        command.Parameters.AddWithValue("user", userId);
        if (dataset is not null)
        {
            command.Parameters.AddWithValue("dataset", dataset);
        }

        return command;
    }
}
