using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// The test database as the import tests use it: a pool for the in-process pipeline, reads of a
/// user's imported rows, and the users and clusters whose rows are deleted when the run ends.
/// </summary>
internal static class ImportDatabase
{
    public static TestDatabase Database { get; } = new("datapunk-import-tests", maxPoolSize: 20);

    /// <summary>The owner's pool: the tests' own reads (row-level security does not apply) and migrations.</summary>
    public static NpgsqlDataSource DataSource => Database.DataSource;

    /// <summary>The in-process pipeline's pools, logged in as a silo and its import writer are (docs/security.md).</summary>
    public static NpgsqlDataSource SiloLogin { get; } = TestDatabase.SiloLoginPool("datapunk-import-tests-silo", 20);

    /// <inheritdoc cref="SiloLogin"/>
    public static ImportWriterDataSource ImportWriter { get; } = ImportWriterDataSource.OfItsOwn(NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(TestDatabase.ImportLoginConnectionString) { ApplicationName = "datapunk-import-tests-writer", MaxPoolSize = 10 }));

    /// <summary>Runs a query as the owner (superuser: row-level security does not apply) and returns the first column of the first row.</summary>
    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull or null ? default! : (T)value;
    }

    /// <summary>Runs a query as the application does for <paramref name="userId"/> (role datapunk_app, RLS applies).</summary>
    public static async Task<T> ScalarAsUserAsync<T>(string userId, string sql, params object[] parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await Datapunk.Lake.Storage.UserDataScope.BeginAsync(connection, userId, TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull or null ? default! : (T)value;
    }

    /// <summary>Rows a user has of each kind: location fixes and records by kind name.</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(string userId)
    {
        var counts = new Dictionary<string, long>
        {
            ["location_points"] = await ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", userId),
        };
        await using var command = DataSource.CreateCommand(
            "SELECT k.name, count(*) FROM user_data.records r JOIN user_data.record_kinds k USING (kind) WHERE r.user_id = $1 GROUP BY k.name");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>
    /// A checksum of a user's location rows, independent of the user id, provenance and insertion
    /// order: two imports of the same data into two users agree exactly when the rows are equal.
    /// </summary>
    public static Task<string> LocationChecksumAsync(string userId) => ScalarAsync<string>("""
        SELECT count(*) || ':' || coalesce(sum(hashtextextended(
                   time::text || ',' || lat_e7 || ',' || lng_e7 || ',' || coalesce(accuracy_m::text, '') || ',' ||
                   coalesce(altitude_m::text, '') || ',' || coalesce(velocity_mps::text, '') || ',' || coalesce(heading::text, '') || ',' ||
                   coalesce(source, '') || ',' || ST_AsText(position), 0)::numeric), 0)
        FROM timeseries.location_points WHERE user_id = $1
        """, userId);

    /// <summary>
    /// Tables in schema imports other than its own bookkeeping: staging is temporary tables that
    /// end with their merge transaction, so there should never be any.
    /// </summary>
    public static Task<long> StagingTablesAsync() => ScalarAsync<long>("""
        SELECT count(*) FROM pg_tables
        WHERE schemaname = 'imports' AND tablename NOT IN ('jobs', 'files', 'entry_ledger', 'entry_chunks', 'unknown_fields', 'file_matches', 'uploads')
        """);

    /// <summary>Users the tests created, whose rows <see cref="TestDataCleanup"/> deletes when the run ends.</summary>
    public static System.Collections.Concurrent.ConcurrentBag<string> Users { get; } = [];

    /// <summary>Clusters the tests' silos formed, whose runtime rows are deleted when the run ends.</summary>
    public static System.Collections.Concurrent.ConcurrentBag<string> Clusters { get; } = [];

    /// <summary>A user name no other test (or earlier run) uses.</summary>
    public static string NewUser(string prefix)
    {
        var user = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 13)];
        Users.Add(user);
        return user;
    }
}
