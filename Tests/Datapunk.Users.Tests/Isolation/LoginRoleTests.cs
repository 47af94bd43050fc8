using Npgsql;

namespace Datapunk.Users.Tests.Isolation;

/// <summary>
/// The roles the silos and the import writer log in as (docs/security.md, "Isolation in the database"), proven
/// by logging in as them: they own nothing, bypass nothing and belong to no role but the application's (and the
/// import writer to the fix-copying role); outside any transaction scope the silos' login sees no user's rows,
/// naming one user never shows another's, it cannot change a personal table's row-level security, and no
/// role switch gets it the owner's rights.
/// </summary>
[Collection(WholeDatabaseCollection.Name)]
public sealed class LoginRoleTests : IAsyncLifetime
{
    private const string InsufficientPrivilege = "42501";

    private static readonly NpgsqlDataSource Silo = TestDatabase.SiloLoginPool("datapunk-login-tests", 4);

    private static readonly NpgsqlDataSource Import = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(TestDatabase.ImportLoginConnectionString) { ApplicationName = "datapunk-login-tests", MaxPoolSize = 2 });

    private static readonly string Owner = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString).Username!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await UsersDatabase.MigratedAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_silos_login_owns_nothing_bypasses_nothing_and_has_exactly_the_application_roles_rights()
    {
        await using var connection = await Silo.OpenConnectionAsync(Cancellation);

        (await AttributesAsync(connection)).ShouldBe("super=False bypassrls=False createdb=False createrole=False", "the silos' login role's attributes");
        (await OwnedAsync(connection)).ShouldBeEmpty("relations, functions and schemas whose owner's rights the silos' login has");
        (await RolesAsync(connection)).ShouldBe(["datapunk_app", "datapunk_search"], "roles the silos' login may act as");
    }

    [Fact]
    public async Task Indexed_reads_bypass_row_security_only_as_a_role_that_may_read_what_search_and_map_tiles_read_and_write_nothing()
    {
        await using var connection = await Silo.OpenConnectionAsync(Cancellation);

        (await ScalarAsync<string>(connection, """
            SELECT string_agg(format('%s.%s: %s', n.nspname, c.relname, p.privilege), ', ' ORDER BY n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(privilege)
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND has_table_privilege('datapunk_search', c.oid, p.privilege)
              AND NOT EXISTS (SELECT 1 FROM aclexplode(c.relacl) x WHERE x.grantee = 0 AND x.privilege_type = p.privilege)
            """)).ShouldBe(
                "imports.files: SELECT, timeseries.location_points: SELECT, user_data.records: SELECT, user_data.search_words: SELECT, "
                + "user_data.user_table_rows: SELECT, user_data.user_tables: SELECT, vectors.embedding_positions: SELECT, vectors.record_embeddings: SELECT, "
                + "vectors.text_embeddings: SELECT",
                "the indexed reads' role's rights on tables beyond what every role has (PostGIS's catalogs; the fuzzy search's vocabulary, migration 0049; "
                + "the tables' rows search finds, migration 0052; the vectors' positions a radius reads, migration 0060; the vectors of distinct texts, migration 0062)");
        (await ScalarAsync<bool>(connection, "SELECT rolbypassrls AND NOT rolcanlogin FROM pg_roles WHERE rolname = 'datapunk_search'"))
            .ShouldBeTrue("datapunk_search bypasses row-level security and cannot log in");
        (await FailureAsync(connection, "SET ROLE datapunk_search", "DELETE FROM user_data.records"))
            .ShouldBe(InsufficientPrivilege, "writing records as the role that bypasses row-level security");
    }

    [Fact]
    public async Task The_import_writers_login_owns_nothing_and_bypasses_row_security_only_as_a_role_that_may_insert_fixes_and_read_nothing()
    {
        await using var connection = await Import.OpenConnectionAsync(Cancellation);

        (await AttributesAsync(connection)).ShouldBe("super=False bypassrls=False createdb=False createrole=False", "the import writer's login role's attributes");
        (await OwnedAsync(connection)).ShouldBeEmpty("relations, functions and schemas whose owner's rights the import writer's login has");
        (await RolesAsync(connection)).ShouldBe(["datapunk_app", "datapunk_fix_copy", "datapunk_search"], "roles the import writer's login may act as");
        (await ScalarAsync<string>(connection, """
            SELECT string_agg(format('%s.%s: %s', n.nspname, c.relname, p.privilege), ', ' ORDER BY 1)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(privilege)
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND has_table_privilege('datapunk_fix_copy', c.oid, p.privilege)
              AND NOT EXISTS (SELECT 1 FROM aclexplode(c.relacl) x WHERE x.grantee = 0 AND x.privilege_type = p.privilege)
            """)).ShouldBe("timeseries.location_points: INSERT", "the fix-copying role's rights on tables beyond what every role has (PostGIS's catalogs)");
        (await ScalarAsync<bool>(connection, "SELECT rolbypassrls AND NOT rolcanlogin FROM pg_roles WHERE rolname = 'datapunk_fix_copy'"))
            .ShouldBeTrue("datapunk_fix_copy bypasses row-level security and cannot log in");
        (await FailureAsync(connection, "SET ROLE datapunk_fix_copy", "SELECT count(*) FROM timeseries.location_points"))
            .ShouldBe(InsufficientPrivilege, "reading fixes as the role that bypasses row-level security");
    }

    [Fact]
    public async Task Without_a_user_the_silos_login_sees_no_row_and_naming_a_user_never_shows_another_users_rows()
    {
        var (a, b) = (UsersDatabase.NewUserId("login-a"), UsersDatabase.NewUserId("login-b"));
        await StoreAsync(a, b);
        await using var connection = await Silo.OpenConnectionAsync(Cancellation);

        var withRowsOfB = new List<string>();
        foreach (var table in await PersonalTablesAsync())
        {
            var ofA = await UsersDatabase.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE user_id = $1", a);
            if (await UsersDatabase.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE user_id = $1", b) > 0)
            {
                withRowsOfB.Add(table);
            }

            // Outside any scope: no SET ROLE, no user named (a query a bug ran on a bare connection).
            (await ScalarAsync<long>(connection, $"SELECT count(*) FROM {table}")).ShouldBe(0, $"{table} on a bare connection");
            (await CountAsAsync(connection, a, table, "user_id = $1")).ShouldBe(ofA, $"{table}: {a}'s rows when naming {a}");
            (await CountAsAsync(connection, a, table, "user_id <> $1")).ShouldBe(0, $"{table}: other users' rows when naming {a}");
        }

        withRowsOfB.ShouldContain("timeseries.location_points");
        withRowsOfB.ShouldContain("user_data.records");
        withRowsOfB.ShouldContain("user_data.profiles");
        withRowsOfB.ShouldContain("imports.files");
    }

    [Fact]
    public async Task The_silos_login_cannot_drop_alter_or_switch_off_row_level_security_on_any_personal_table()
    {
        await using var connection = await Silo.OpenConnectionAsync(Cancellation);
        foreach (var table in await PersonalTablesAsync())
        {
            var policy = await UsersDatabase.ScalarAsync<string>(
                "SELECT policyname FROM pg_policies WHERE format('%I.%I', schemaname, tablename) = $1 LIMIT 1", table);
            string[] attempts =
            [
                $"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY", $"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY",
                $"DROP POLICY {policy} ON {table}", $"CREATE POLICY everything ON {table} USING (true)",
                $"ALTER POLICY {policy} ON {table} USING (true)", $"ALTER TABLE {table} OWNER TO datapunk_app",
                $"DROP TABLE {table}", $"TRUNCATE {table}",
            ];
            foreach (var attempt in attempts)
            {
                (await FailureAsync(connection, attempt)).ShouldBe(InsufficientPrivilege, attempt);
            }
        }
    }

    [Fact]
    public async Task No_role_switch_gives_the_silos_login_the_owners_rights_or_other_users_rows()
    {
        var (a, b) = (UsersDatabase.NewUserId("switch-a"), UsersDatabase.NewUserId("switch-b"));
        await InsertProfilesAsync(a, b);
        await using var connection = await Silo.OpenConnectionAsync(Cancellation);

        foreach (var role in new[] { Owner, "datapunk_fix_copy" })
        {
            (await FailureAsync(connection, $"SET ROLE {role}")).ShouldBe(InsufficientPrivilege, $"SET ROLE {role}");
            (await FailureAsync(connection, $"SET SESSION AUTHORIZATION {role}")).ShouldBe(InsufficientPrivilege, $"SET SESSION AUTHORIZATION {role}");
            (await FailureAsync(connection, $"SELECT set_config('role', '{role}', false)")).ShouldBe(InsufficientPrivilege, $"set_config('role', '{role}')");
        }

        (await FailureAsync(connection, "SET row_security = off", "SELECT count(*) FROM user_data.profiles"))
            .ShouldBe(InsufficientPrivilege, "row_security = off makes a query row-level security would filter fail, not see everything");
        foreach (var reset in new[] { "RESET ROLE", "SET ROLE NONE", "SET LOCAL ROLE datapunk_app; RESET ROLE", "RESET SESSION AUTHORIZATION" })
        {
            (await CountAsAsync(connection, a, "user_data.profiles", "user_id <> $1", reset)).ShouldBe(0, $"other users' profiles after {reset}, naming {a}");
            (await CountAsAsync(connection, a, "user_data.profiles", "user_id = $1", reset)).ShouldBe(1, $"{a}'s profile after {reset}");
        }
    }

    [Fact]
    public async Task The_owners_functions_for_import_ddl_refuse_what_is_not_a_users_month_or_a_leaf()
    {
        await using var connection = await Silo.OpenConnectionAsync(Cancellation);
        string[] refused =
        [
            "SELECT timeseries.create_location_leaf('', 24300)", "SELECT timeseries.create_location_leaf('someone', 11)",
            "SELECT timeseries.create_location_leaf('someone', 120000)", "SELECT timeseries.index_location_leaf('location_points')",
            "SELECT timeseries.index_location_leaf('records')", "SELECT timeseries.index_location_leaf('x; DROP TABLE timeseries.location_points')",
        ];
        foreach (var call in refused)
        {
            (await FailureAsync(connection, call)).ShouldBe("P0001", call);
        }

        var user = UsersDatabase.NewUserId("leaf");
        var leaf = await ScalarAsync<string>(connection, $"SELECT timeseries.create_location_leaf('{user}', {(2024 * 12) + 1})");
        leaf.ShouldBe(Datapunk.Lake.Storage.LocationPartitions.LeafName((2024 * 12) + 1, user), "the leaf's name, as LocationPartitions computes it");
        (await UsersDatabase.ScalarAsync<string>($"SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'timeseries.{leaf}'::regclass"))
            .ShouldBe(Owner, "the owner owns the leaf the silos' login had created");
        (await ScalarAsync<object?>(connection, $"SELECT timeseries.create_location_leaf('{user}', {(2024 * 12) + 1})")).ShouldBe(DBNull.Value, "a leaf that exists");
        await ScalarAsync<object?>(connection, $"SELECT timeseries.index_location_leaf('{leaf}')");
        (await UsersDatabase.ScalarAsync<long>($"SELECT count(*) FROM pg_index WHERE indrelid = 'timeseries.{leaf}'::regclass")).ShouldBe(3, "identity, time and position indexes");
        await UsersDatabase.ScalarAsync<int>("SELECT timeseries.drop_location_leaves($1)", user);
    }

    private static async Task<string> AttributesAsync(NpgsqlConnection connection) => await ScalarAsync<string>(connection, """
        SELECT format('super=%s bypassrls=%s createdb=%s createrole=%s',
                      initcap(rolsuper::text), initcap(rolbypassrls::text), initcap(rolcreatedb::text), initcap(rolcreaterole::text))
        FROM pg_roles WHERE rolname = session_user
        """);

    /// <summary>Everything whose owner's rights the login has, directly or through a role it belongs to (temporary schemas aside).</summary>
    private static async Task<List<string>> OwnedAsync(NpgsqlConnection connection) => await ListAsync(connection, """
        SELECT 'relation ' || c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE pg_has_role(session_user, c.relowner, 'USAGE') AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
        UNION ALL
        SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p WHERE pg_has_role(session_user, p.proowner, 'USAGE')
        UNION ALL
        SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE pg_has_role(session_user, n.nspowner, 'USAGE')
        UNION ALL
        SELECT 'database ' || d.datname FROM pg_database d WHERE pg_has_role(session_user, d.datdba, 'USAGE')
        """);

    private static async Task<List<string>> RolesAsync(NpgsqlConnection connection) => await ListAsync(connection, """
        SELECT r.rolname FROM pg_roles r WHERE r.rolname <> session_user AND pg_has_role(session_user, r.oid, 'MEMBER') ORDER BY 1
        """);

    /// <summary>The tables outside the credentials with a user_id column (<see cref="RowLevelSecurityTests"/> proves them secured).</summary>
    private static async Task<List<string>> PersonalTablesAsync()
    {
        await using var connection = await (await UsersDatabase.MigratedAsync()).OpenConnectionAsync(Cancellation);
        return await ListAsync(connection, """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'user_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence = 'p' AND c.relrowsecurity
            ORDER BY 1
            """);
    }

    /// <summary>Rows of both users in every kind of personal table: an import of the fixtures each, and a profile each.</summary>
    private static async Task StoreAsync(string a, string b)
    {
        using var folder = new TempFolder();
        var archive = FixtureImports.FixtureArchive(folder);
        await FixtureImports.ImportAsync(a, archive);
        await FixtureImports.ImportAsync(b, archive);
        await InsertProfilesAsync(a, b);
    }

    private static async Task InsertProfilesAsync(params string[] users)
    {
        foreach (var user in users)
        {
            await UsersDatabase.ScalarAsync<int>("INSERT INTO user_data.profiles (user_id, display_name) VALUES ($1, $1) RETURNING 1", user);
        }
    }

    /// <summary>Counts rows of <paramref name="table"/> matching <paramref name="where"/> ($1 the user) in a transaction naming <paramref name="userId"/>, after <paramref name="before"/>.</summary>
    private static async Task<long> CountAsAsync(NpgsqlConnection connection, string userId, string table, string where, string? before = null)
    {
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await using (var name = new NpgsqlCommand("SELECT set_config('datapunk.user_id', $1, true)", connection, transaction))
        {
            name.Parameters.Add(new NpgsqlParameter { Value = userId });
            await name.ExecuteNonQueryAsync(Cancellation);
        }

        if (before is not null)
        {
            await using var switched = new NpgsqlCommand(before, connection, transaction);
            await switched.ExecuteNonQueryAsync(Cancellation);
        }

        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {where}", connection, transaction);
        count.Parameters.Add(new NpgsqlParameter { Value = userId });
        var rows = (long)(await count.ExecuteScalarAsync(Cancellation))!;
        await transaction.RollbackAsync(Cancellation);
        return rows;
    }

    /// <summary>The SQLSTATE the last of <paramref name="statements"/> (run in turn, then rolled back) fails with, or null.</summary>
    private static async Task<string?> FailureAsync(NpgsqlConnection connection, params string[] statements)
    {
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        try
        {
            foreach (var statement in statements)
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                await command.ExecuteNonQueryAsync(Cancellation);
            }

            return null;
        }
        catch (PostgresException exception)
        {
            return exception.SqlState;
        }
        finally
        {
            await transaction.RollbackAsync(Cancellation);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
