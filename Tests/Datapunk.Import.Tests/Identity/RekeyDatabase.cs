using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Import.Tests.Identity;

/// <summary>A migrated database of the re-key tests' own, dropped when they end.</summary>
public sealed class RekeyDatabase : IAsyncLifetime
{
    private ScratchDatabase? _database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync(
            TestDatabase.ConnectionString, $"datapunk_test_rekey_{Guid.NewGuid():N}"[..40], TestContext.Current.CancellationToken);
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await DatapunkMigrations.ApplyAsync(DataSource, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await DataSource.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
