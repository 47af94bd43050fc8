using Datapunk.Grains;
using Datapunk.Lake.Workbench;
using Datapunk.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// The SQL workbench's engine without a cluster, on the real test database (migrated once, as the owner) and Redis:
/// queries run as the workbench's own login (<see cref="TestDatabase.WorkbenchLoginConnectionString"/>), results are
/// cached in Redis as the silo caches them.
/// </summary>
internal static class WorkbenchEngine
{
    private static readonly TestDatabase Database = new("datapunk-workbench-tests", maxPoolSize: 8);

    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(Database.DataSource));

    private static readonly Lazy<Task<ConnectionMultiplexer>> Redis =
        new(() => ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("DATAPUNK_TEST_REDIS") ?? "127.0.0.1:6379"));

    /// <summary>The workbench's login: a member of no role, reading only the workbench's views.</summary>
    public static NpgsqlDataSource WorkbenchLogin { get; } = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(TestDatabase.WorkbenchLoginConnectionString) { ApplicationName = "datapunk-workbench-tests", MaxPoolSize = 6 });

    /// <summary>The owner, for seeding and for checking what a query could not change.</summary>
    public static async Task<NpgsqlDataSource> OwnerAsync()
    {
        await Migrated.Value;
        return Database.DataSource;
    }

    public static async Task<IConnectionMultiplexer> RedisAsync() => await Redis.Value;

    /// <summary>A runner as the silo builds it, with <paramref name="limits"/> (the defaults when null).</summary>
    public static async Task<WorkbenchRunner> RunnerAsync(WorkbenchLimits? limits = null)
    {
        await OwnerAsync();
        var cache = new RedisWorkbenchResultCache(await RedisAsync(), NullLogger<RedisWorkbenchResultCache>.Instance);
        return new WorkbenchRunner(WorkbenchDataSource.Of(WorkbenchLogin), cache, limits ?? new WorkbenchLimits());
    }

    /// <summary>Runs one statement as the owner.</summary>
    public static async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = (await OwnerAsync()).CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull or null ? default : (T)value;
    }
}
