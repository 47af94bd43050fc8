using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users.Tests.Isolation;

/// <summary>
/// Row-level security proven on the catalog rather than assumed per table: every table outside the
/// credential schema that has a user_id column is row-level secured and forced, a transaction that
/// names no user sees none of its rows, and one that names a user sees exactly that user's.
/// </summary>
[Collection(WholeDatabaseCollection.Name)]
public sealed class RowLevelSecurityTests
{
    /// <summary>Credentials are looked up before the caller is known (docs/security.md); Orleans' own tables hold operational state.</summary>
    private static readonly string[] SchemasWithoutRowSecurity = ["auth", "orleans", "public", "pg_catalog", "information_schema"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_table_with_a_user_id_is_row_level_secured_and_forced()
    {
        var tables = await UserIdTablesAsync();

        tables.ShouldNotBeEmpty();
        tables.Where(table => !table.Secured || !table.Forced).Select(table => table.Name)
            .ShouldBeEmpty("tables with a user_id column must have row-level security enabled and forced");
    }

    [Fact]
    public async Task A_transaction_without_a_user_sees_no_rows_and_one_with_a_user_sees_exactly_theirs()
    {
        var dataSource = await UsersDatabase.MigratedAsync();
        var user = UsersDatabase.NewUserId("rls");
        await using (var connection = await dataSource.OpenConnectionAsync(Cancellation))
        await using (var transaction = await UserDataScope.BeginAsync(connection, user, Cancellation))
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO user_data.profiles (user_id, display_name) VALUES ($1, 'Row Level')", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = user });
            await insert.ExecuteNonQueryAsync(Cancellation);
            await transaction.CommitAsync(Cancellation);
        }

        foreach (var table in await UserIdTablesAsync())
        {
            var all = await UsersDatabase.ScalarAsync<long>($"SELECT count(*) FROM {table.Name}");
            var mine = await UsersDatabase.ScalarAsync<long>($"SELECT count(*) FROM {table.Name} WHERE user_id = $1", user);

            (await CountAsApplicationAsync(dataSource, table.Name, userId: null)).ShouldBe(0, $"{table.Name} ({all} rows) without a user");
            (await CountAsApplicationAsync(dataSource, table.Name, user)).ShouldBe(mine, $"{table.Name} for {user}");
        }
    }

    private static async Task<long> CountAsApplicationAsync(NpgsqlDataSource dataSource, string table, string? userId)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancellation);
        await using var transaction = userId is null
            ? await ApplicationRoleScope.BeginAsync(connection, Cancellation)
            : await UserDataScope.BeginAsync(connection, userId, Cancellation);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static async Task<List<(string Name, bool Secured, bool Forced)>> UserIdTablesAsync()
    {
        var dataSource = await UsersDatabase.MigratedAsync();
        await using var command = dataSource.CreateCommand("""
            SELECT format('%I.%I', n.nspname, c.relname), c.relrowsecurity, c.relforcerowsecurity
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'user_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname <> ALL ($1)
              AND n.nspname NOT LIKE 'pg_temp%' AND c.relpersistence = 'p'
            ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = SchemasWithoutRowSecurity });
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var tables = new List<(string, bool, bool)>();
        while (await reader.ReadAsync(Cancellation))
        {
            tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
        }

        return tables;
    }
}
