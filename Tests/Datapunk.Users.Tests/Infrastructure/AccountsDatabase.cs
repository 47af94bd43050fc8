using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Users.Tests.Infrastructure;

/// <summary>The test database with Datapunk's schema applied, and fresh accounts, for the account, token and session tests.</summary>
public sealed class AccountsDatabase : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(TestDatabase.ConnectionStringForSilo(maxPoolSize: 8));

    public async ValueTask InitializeAsync() => await DatapunkMigrations.ApplyAsync(DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();

    /// <summary>A fresh account of <paramref name="role"/> (default member), named uniquely for this run.</summary>
    public async Task<string> NewAccountAsync(string prefix, string role = "member")
    {
        var userId = $"{prefix}-{Guid.NewGuid():N}"[..24];
        (await new Datapunk.Users.Accounts.AccountTable(DataSource).TryCreateAsync(userId, role, TestContext.Current.CancellationToken)).ShouldBeTrue();
        return userId;
    }
}

[CollectionDefinition(Name)]
public sealed class AccountsDatabaseCollection : ICollectionFixture<AccountsDatabase>
{
    public const string Name = "accounts database";
}
