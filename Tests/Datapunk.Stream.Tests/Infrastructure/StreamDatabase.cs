using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>The test database of the Stream engine, migrated once per run; the engine logs in as the silos do (row-level security applies).</summary>
internal static class StreamDatabase
{
    private static readonly TestDatabase Database = new("datapunk-stream-tests", maxPoolSize: 10);
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(Database.DataSource));

    private static NpgsqlDataSource SiloLogin { get; } = TestDatabase.SiloLoginPool("datapunk-stream-tests-silo", 30);

    /// <summary>The owner's pool, for assertions that must see past the engine (it runs them under the user's id anyway).</summary>
    public static async Task<TestDatabase> OwnerAsync()
    {
        await Migrated.Value;
        return Database;
    }

    public static async Task<NpgsqlDataSource> SiloLoginAsync()
    {
        await Migrated.Value;
        return SiloLogin;
    }

    /// <summary>A user id no other test uses.</summary>
    public static string NewUserId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A user id no other test uses, with its account: a polled page is stored only for a user whose account exists (AccountFence).</summary>
    public static async Task<string> NewAccountAsync(string prefix)
    {
        var userId = NewUserId(prefix);
        var owner = await OwnerAsync();
        await using var insert = owner.DataSource.CreateCommand("INSERT INTO auth.accounts (user_id, role) VALUES ($1, 'member')");
        insert.Parameters.Add(new NpgsqlParameter { Value = userId });
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return userId;
    }
}
