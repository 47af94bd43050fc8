using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>The test database of Cortex's engines, migrated once per run.</summary>
internal static class CortexDatabase
{
    private static readonly TestDatabase Database = new("datapunk-cortex-tests", maxPoolSize: 20);
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(Database.DataSource));

    public static async Task<NpgsqlDataSource> MigratedAsync()
    {
        await Migrated.Value;
        return Database.DataSource;
    }

    /// <summary>The same database logged in as the silos are (<c>datapunk_silo</c>: owns nothing, row-level security applies).</summary>
    public static async Task<NpgsqlDataSource> SiloLoginAsync()
    {
        await Migrated.Value;
        return SiloLogin;
    }

    private static NpgsqlDataSource SiloLogin { get; } = TestDatabase.SiloLoginPool("datapunk-cortex-tests-silo", 10);

    /// <summary>A user id no other test uses.</summary>
    public static string NewUserId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 64)];
}
