using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Finds the user's datasets that are not imported records: uploaded tables (silver: typed rows as parsed),
/// the derived sets (gold: the promoted places, the record embeddings, the model registry) and the originals
/// kept as received (bronze: uploads whose import asked to keep them). Daily statistics are computed when
/// read and stored nowhere, so they are no dataset. Each is one small aggregate; empty sets are left out.
/// </summary>
internal static class DerivedDatasetScan
{
    private const string Tables = """
        SELECT 'table', name, format, row_count, NULL::timestamptz, NULL::timestamptz, updated_at
        FROM user_data.user_tables WHERE user_id = @user
        """;

    private const string Gold = """
        SELECT 'gold', 'places', 'forge.places', count(*), min(p.first_visit), max(p.last_visit), max(v.finished_at)
        FROM analytics.model_versions v JOIN analytics.places p ON p.user_id = v.user_id AND p.version = v.version
        WHERE v.user_id = @user AND v.kind = 'places' AND v.status = 'promoted'
        UNION ALL
        SELECT 'gold', 'embeddings', 'cortex.embeddings', count(*), NULL, NULL, max(embedded_at)
        FROM vectors.record_embeddings WHERE user_id = @user
        UNION ALL
        SELECT 'gold', 'models', 'forge.registry', count(*), min(data_from), max(data_to), max(coalesce(finished_at, created_at))
        FROM analytics.model_versions WHERE user_id = @user
        UNION ALL
        SELECT 'bronze', 'originals', 'uploads', count(*), min(u.created_at), max(u.completed_at), max(j.finished_at)
        FROM imports.uploads u JOIN imports.jobs j ON j.import_id = u.import_id
        WHERE u.user_id = @user AND u.expires_at IS NULL AND u.completed_at IS NOT NULL AND j.finished_at IS NOT NULL
        """;

    public static async Task<IReadOnlyList<DatasetFacts>> FindAsync(ReadTransaction read, string userId, CancellationToken cancellationToken)
    {
        var found = new List<DatasetFacts>();
        await using var command = read.Command($"{Tables} UNION ALL {Gold}");
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (family, name, source, rows) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
            if (rows == 0)
            {
                continue;
            }

            var (id, zone, origin) = family switch
            {
                "table" => (DatasetNames.Table(name), CatalogZones.Silver, DatasetOrigins.Upload),
                "bronze" => (DatasetNames.Originals, CatalogZones.Bronze, DatasetOrigins.Original),
                _ => (DatasetNames.Gold(name), CatalogZones.Gold, DatasetOrigins.Derived),
            };
            found.Add(new DatasetFacts(
                id, zone, origin, source, null, rows,
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), []));
        }

        return found;
    }
}
