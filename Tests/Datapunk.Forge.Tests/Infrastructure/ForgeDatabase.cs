using Datapunk.Lake.Storage;
using Datapunk.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Datapunk.Forge.Tests.Infrastructure;

/// <summary>The test database of Forge's engines, migrated once per run, and Forge's services over it as the silo registers them.</summary>
internal static class ForgeDatabase
{
    private static readonly TestDatabase Database = new("datapunk-forge-tests", maxPoolSize: 20);
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(Database.DataSource));
    private static readonly Lazy<ServiceProvider> Provider = new(() => new ServiceCollection()
        .AddSingleton(Database.DataSource)
        .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
        .AddForge(new ConfigurationBuilder().Build())
        .BuildServiceProvider());

    public static TestDatabase Test => Database;

    public static async Task<IServiceProvider> ServicesAsync()
    {
        await Migrated.Value;
        return Provider.Value;
    }

    /// <summary>A user id no other test uses.</summary>
    public static string NewUserId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 64)];

    /// <summary>Stores the fixes as the user's, in the user's row-level-security scope, creating their month partitions first.</summary>
    public static async Task InsertFixesAsync(string userId, IEnumerable<GeoFix> fixes, CancellationToken cancellationToken)
    {
        await Migrated.Value;
        foreach (var batch in fixes.Chunk(50_000))
        {
            var months = batch.Select(fix => fix.Time!.Value.UtcDateTime).Select(time => time.Year * 12 + time.Month - 1).Distinct().ToList();
            await new LocationPartitions(Database.DataSource).EnsureAsync(userId, months, cancellationToken);
            await using var connection = await Database.DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, accuracy_m, file_id, position)
                SELECT $1, t, lat, lng, 10, 0, ST_SetSRID(ST_MakePoint(lng / 1e7, lat / 1e7), 4326)::geography
                FROM unnest($2::timestamptz[], $3::int[], $4::int[]) AS f(t, lat, lng)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = userId });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(fix => fix.Time!.Value).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(fix => (int)Math.Round(fix.Lat * 1e7)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(fix => (int)Math.Round(fix.Lng * 1e7)).ToArray() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Stores a place visit as an export's Semantic Location History would, with its name.</summary>
    public static async Task InsertVisitAsync(string userId, string name, GeoFix place, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await Migrated.Value;
        await using var connection = await Database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, position, file_id)
            VALUES ($1, 1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($7, $6), 4326)::geography, 0)
            """, connection, transaction);
        foreach (var value in new object[] { userId, $"visit-{Guid.NewGuid():N}", start.ToUniversalTime(), end.ToUniversalTime(), name, place.Lat, place.Lng })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
