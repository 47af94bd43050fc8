using Datapunk.Grains;

namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// User SQL is hostile (docs/security.md, "The SQL workbench"): with two users holding data everywhere the workbench
/// shows, the first user's SQL never returns the second's rows, through any view, the bindings, the tables behind the
/// views, the temporary views, a changed user id or role setting, SQL run by a function, or a second statement.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchIsolationTests(TwoWorkbenchUsers users) : IClassFixture<TwoWorkbenchUsers>
{
    private readonly WorkbenchPerson _alice = users.Alice;
    private readonly WorkbenchPerson _bob = users.Bob;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Every_view_shows_the_user_their_own_rows_and_never_another_users()
    {
        var runner = await WorkbenchEngine.RunnerAsync();
        var views = await ViewsAsync();
        views.ShouldContain("records");
        string[] withAlicesText = ["records", "place_visits", "emails", "notes", "plays", "places", "files", "imports", "user_tables", "user_table_rows"];

        foreach (var view in views)
        {
            // fixes_by_user is what the fixes view reads with the user's id as a literal (migration 0044); read
            // whole, it plans every user's leaves. It is checked below by naming the other user.
            var sql = view == "fixes_by_user" ? $"SELECT * FROM fixes_by_user WHERE user_id = '{_alice.UserId}'" : $"SELECT * FROM {view}";
            var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery(sql, 10_000, Unmasked: true), Cancellation);

            result.Error.ShouldBeNull(sql);
            result.RowsJson.ShouldNotContain(_bob.Marker, Case.Sensitive, $"{view} showed the other user's rows: {result.RowsJson}");
            if (withAlicesText.Contains(view))
            {
                result.RowsJson.ShouldContain(_alice.Marker, Case.Sensitive, $"{view} shows the user's own rows");
            }
        }

        var fixes = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT count(*), min(lat), max(lng) FROM fixes", null, false), Cancellation);
        fixes.RowsJson.ShouldBe($"[[{_alice.Fixes},52.5,13.4]]", "the user's fixes, in degrees");
        var named = await runner.RunAsync(_alice.UserId, new WorkbenchQuery($"SELECT count(*) FROM fixes_by_user WHERE user_id = '{_bob.UserId}'", null, false), Cancellation);
        named.RowsJson.ShouldBe("[[0]]", "naming the other user's id reaches none of their fixes");
        var budget = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT item, amount, \"paid on\" FROM budget", null, true), Cancellation);
        budget.Error.ShouldBeNull();
        budget.RowsJson.ShouldBe($"[[\"Rent {_alice.Marker}\",900.50,\"2024-05-01\"],[\"Food {_alice.Marker}\",320,\"2024-05-02\"]]",
            "the user's uploaded table by its own name, typed, in the file's order");
        budget.Columns.Select(column => $"{column.Name}:{column.Type}").ShouldBe(["item:text", "amount:numeric", "paid on:date"]);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("SELECT * FROM workbench.bindings")]
    [InlineData("SELECT * FROM user_data.records")]
    [InlineData("SELECT * FROM user_data.user_table_rows")]
    [InlineData("SELECT * FROM timeseries.location_points")]
    [InlineData("SELECT * FROM imports.files")]
    [InlineData("SELECT * FROM analytics.places")]
    [InlineData("SELECT title FROM records, (SELECT set_config('datapunk.user_id', '{bob}', true)) AS switched")]
    [InlineData("SELECT set_config('role', 'datapunk_search', true), (SELECT count(*) FROM user_data.records)")]
    [InlineData("SELECT set_config('role', 'datapunk_app', true)")]
    [InlineData("SELECT set_config('session_authorization', 'datapunk', true)")]
    [InlineData("SELECT query_to_xml('SELECT title FROM user_data.records', true, false, '')")]
    [InlineData("SELECT query_to_xml('SET ROLE datapunk_search; SELECT title FROM user_data.records', true, false, '')")]
    [InlineData("SELECT query_to_xml('SELECT workbench.bind(''{bob}''); SELECT title FROM workbench.records', true, false, '')")]
    [InlineData("SELECT workbench.bind('{bob}')")]
    [InlineData("SELECT 1; SET ROLE datapunk_app")]
    [InlineData("SELECT 1; RESET ROLE; SELECT title FROM user_data.records")]
    [InlineData("SELECT 1; ROLLBACK; BEGIN; SELECT workbench.bind('{bob}'); SELECT title FROM records")]
    [InlineData("SELECT * FROM pg_temp.budget")]
    [InlineData("SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'pg_temp%'")]
    [InlineData("SELECT query FROM pg_stat_activity")]
    public async Task An_escape_attempt_fails_or_returns_only_the_users_own_rows(string attempt)
    {
        var runner = await WorkbenchEngine.RunnerAsync();
        var sql = attempt.Replace("{bob}", _bob.UserId, StringComparison.Ordinal);

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery(sql, null, Unmasked: true), Cancellation);

        result.RowsJson.ShouldNotContain(_bob.Marker, Case.Sensitive, $"{sql} answered {result.RowsJson}");
        result.Error?.Message.ShouldNotContain(_bob.Marker, Case.Sensitive);
        var after = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT current_user, workbench.bound_user(), count(*) FROM records", null, true), Cancellation);
        after.RowsJson.ShouldBe($"[[\"datapunk_workbench\",\"{_alice.UserId}\",4]]", $"the next query of the user after: {sql}");
        var bobs = await runner.RunAsync(_bob.UserId, new WorkbenchQuery("SELECT title FROM notes", null, true), Cancellation);
        bobs.RowsJson.ShouldBe($"[[\"Note {_bob.Marker}\"]]", "the other user's next query sees only theirs");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_statement_is_refused_by_postgresql_and_changes_nothing()
    {
        var runner = await WorkbenchEngine.RunnerAsync();

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT 1; SET ROLE datapunk_app", null, false), Cancellation);

        result.Error.ShouldNotBeNull("two statements");
        result.Error.SqlState.ShouldBe("42601", result.Error.Message);
        result.Error.Message.ShouldContain("multiple commands");
        var after = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT current_user, session_user, current_setting('role')", null, false), Cancellation);
        after.RowsJson.ShouldBe("[[\"datapunk_workbench\",\"datapunk_workbench\",\"none\"]]");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_workbench_login_belongs_to_no_role_and_may_read_only_the_workbench_views()
    {
        await WorkbenchEngine.OwnerAsync();
        (await WorkbenchEngine.ScalarAsync<long>(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'datapunk_workbench'"))
            .ShouldBe(0, "roles the workbench's login is a member of");
        (await WorkbenchEngine.ScalarAsync<string>(
            "SELECT format('super=%s bypassrls=%s createdb=%s createrole=%s', rolsuper::text, rolbypassrls::text, rolcreatedb::text, rolcreaterole::text) FROM pg_roles WHERE rolname = 'datapunk_workbench'"))
            .ShouldBe("super=false bypassrls=false createdb=false createrole=false");
        var readable = await WorkbenchEngine.ScalarAsync<string>("""
            SELECT string_agg(DISTINCT n.nspname, ', ' ORDER BY n.nspname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(privilege)
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND has_table_privilege('datapunk_workbench', c.oid, p.privilege)
              AND NOT EXISTS (SELECT 1 FROM aclexplode(c.relacl) x WHERE x.grantee = 0 AND x.privilege_type = p.privilege)
            """);
        readable.ShouldBe("workbench", "schemas holding relations the workbench's login has rights on beyond what every role has (PostGIS's catalogs)");
        (await WorkbenchEngine.ScalarAsync<long>("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(privilege)
            WHERE n.nspname = 'workbench' AND has_table_privilege('datapunk_workbench', c.oid, p.privilege)
            """)).ShouldBe(0, "writes the workbench's login may make in its own schema");
        (await WorkbenchEngine.ScalarAsync<bool>("SELECT has_table_privilege('datapunk_workbench', 'workbench.bindings', 'SELECT')")).ShouldBeFalse();
    }

    private static async Task<List<string>> ViewsAsync()
    {
        var owner = await WorkbenchEngine.OwnerAsync();
        await using var command = owner.CreateCommand(
            "SELECT table_name::text FROM information_schema.views WHERE table_schema = 'workbench' ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var views = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            views.Add(reader.GetString(0));
        }

        return views;
    }
}
