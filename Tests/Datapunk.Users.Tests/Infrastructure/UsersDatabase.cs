using Datapunk.Lake.Storage;
using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Users.Tests.Infrastructure;

/// <summary>The test database, migrated once per run, and queries as the owner (a superuser: no row-level security) or as a user.</summary>
internal static class UsersDatabase
{
    private static readonly TestDatabase Database = new("datapunk-users-tests", maxPoolSize: 40);
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(Database.DataSource));

    public static async Task<NpgsqlDataSource> MigratedAsync()
    {
        await Migrated.Value;
        return Database.DataSource;
    }

    /// <summary>A user id no other test uses.</summary>
    public static string NewUserId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 64)];

    /// <summary>Runs a query as the owner and returns the first column of the first row.</summary>
    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = (await MigratedAsync()).CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Runs a query as the application does for <paramref name="userId"/> (role datapunk_app, row-level security applies).</summary>
    public static async Task<T> ScalarAsUserAsync<T>(string userId, string sql)
    {
        await using var connection = await (await MigratedAsync()).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The SQLSTATE a statement fails with as the application role (no user named), or null when it succeeds.</summary>
    public static async Task<string?> FailureAsApplicationAsync(string sql)
    {
        await using var connection = await (await MigratedAsync()).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SET LOCAL role {UserDataScope.ApplicationRole}; {sql}", connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (PostgresException exception)
        {
            return exception.SqlState;
        }
    }

    /// <summary>The SQLSTATE and message a statement fails with as the owner (rolled back), or null when it succeeds.</summary>
    public static async Task<PostgresException?> FailureAsOwnerAsync(string sql)
    {
        await using var connection = await (await MigratedAsync()).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (PostgresException exception)
        {
            return exception;
        }
    }
}
