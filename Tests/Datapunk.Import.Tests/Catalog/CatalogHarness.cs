using Datapunk.Lake.Catalog;
using Datapunk.Lake.Storage;
using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Import.Tests.Catalog;

/// <summary>
/// The catalog's engine over the test database, logged in as the silos are: refreshes and reads for one user, and
/// rows seeded as the owner where a test needs a defect no importer would store (a dangling file, a fix at 0,0).
/// </summary>
internal static class CatalogHarness
{
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(ImportDatabase.DataSource));

    public static CatalogRefreshRequests Requests { get; } = new(ImportDatabase.SiloLogin);

    public static CatalogRefresher Refresher { get; } = new(ImportDatabase.SiloLogin, Requests, TimeProvider.System);

    public static CatalogReader Reader { get; } = new(ImportDatabase.SiloLogin);

    public static LineageReader Lineage { get; } = new(ImportDatabase.SiloLogin);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Asks for a refresh and runs it, as the catalog grain does; returns the user's catalog.</summary>
    public static async Task<CatalogOverview> RefreshAsync(string userId, string reason = "test")
    {
        await Requests.RequestAsync(userId, reason, Cancel);
        await Refresher.RefreshAsync(userId, Cancel);
        return await Reader.ListAsync(userId, Cancel);
    }

    public static async Task<CatalogDatasetDetail> DatasetAsync(string userId, string dataset) =>
        await Reader.GetAsync(userId, dataset, Cancel) ?? throw new ShouldAssertException($"{userId}'s catalog has no dataset {dataset}.");

    public static QualityScore Dimension(this CatalogDatasetDetail detail, string dimension) => detail.Quality.Single(score => score.Dimension == dimension);

    /// <summary>A dimension's failing rows as "id: reason; …", for assertions that show every row.</summary>
    public static string Failing(this CatalogDatasetDetail detail, string dimension) =>
        string.Join("; ", detail.Dimension(dimension).FailingRows.Select(row => $"{row.Id}: {row.Reason}"));

    /// <summary>A finished import with one file of <paramref name="format"/>, as the owner; returns the file's id.</summary>
    public static async Task<long> SeedFileAsync(string userId, string format, string path)
    {
        await Migrated.Value;
        var importId = Guid.NewGuid();
        await ExecuteAsync(
            "INSERT INTO imports.jobs (import_id, user_id, status, paths, started_at, finished_at) VALUES ($1, $2, 'Completed', ARRAY[$3], now(), now())",
            importId, userId, path);
        return await ImportDatabase.ScalarAsync<long>("""
            INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status, finished_at)
            VALUES ($1, $2, $3, 'test', $2, $4, 'imported', now()) RETURNING file_id
            """, importId, path, userId, format);
    }

    /// <summary>Stores a fix as the owner, making the user's partition of its month first.</summary>
    public static async Task SeedFixAsync(string userId, long fileId, DateTimeOffset time, double lat, double lng, int? accuracy = 10, int? heading = null, int? latE7 = null)
    {
        await new LocationPartitions(ImportDatabase.DataSource).EnsureAsync(userId, [(time.UtcDateTime.Year * 12) + time.UtcDateTime.Month - 1], Cancel);
        await using var command = ImportDatabase.DataSource.CreateCommand("""
            INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, accuracy_m, heading, source, file_id, position)
            VALUES ($1, $2, $3, $4, $5, $6, 'GPS', $7, ST_SetSRID(ST_MakePoint($9, $8), 4326)::geography)
            """);
        foreach (var value in new object?[] { userId, time, latE7 ?? (int)Math.Round(lat * 1e7), (int)Math.Round(lng * 1e7), accuracy, heading, fileId, lat, lng })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>Stores a record as the owner.</summary>
    public static Task SeedRecordAsync(
        string userId, long fileId, short kind, string identity, DateTimeOffset? at, DateTimeOffset? ended, string? title, string? body = null, (double Lat, double Lng)? position = null) =>
        ExecuteAsync("""
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, body, position, file_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($9::float8, $8::float8), 4326)::geography END, $10)
            """, userId, kind, identity, at, ended, title, body, position?.Lat, position?.Lng, fileId);

    public static async Task ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var command = ImportDatabase.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
