using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Users.Tests.Infrastructure;

/// <summary>The test database as the export and erasure tests use it: migrated once, read as the owner (row-level security does not apply).</summary>
internal static class PrivacyDatabase
{
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(DataSource));

    public static TestDatabase Database { get; } = new("datapunk-users-tests", maxPoolSize: 10);

    public static NpgsqlDataSource DataSource => Database.DataSource;

    public static Task MigrateAsync() => Migrated.Value;

    /// <summary>A user name no other test (or earlier run) uses.</summary>
    public static string NewUser(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Every row of a query, each as the text of its columns joined by " | ".</summary>
    public static async Task<List<string>> RowsAsync(string sql, params object[] parameters)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>A user's rows of each kind: location fixes and records by kind name.</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(string userId) =>
        (await RowsAsync("""
            SELECT 'location_points', count(*) FROM timeseries.location_points WHERE user_id = $1
            UNION ALL
            SELECT k.name, count(*) FROM user_data.records r JOIN user_data.record_kinds k USING (kind) WHERE r.user_id = $1 GROUP BY k.name
            """, userId))
        .Select(row => row.Split(" | ")).Where(row => row[1] != "0").ToDictionary(row => row[0], row => long.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture));
}
