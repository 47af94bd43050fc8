using System.Diagnostics;
using Datapunk.Grains;
using Datapunk.Lake.Workbench;

namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// The workbench's limits, proven against PostgreSQL: nothing a query does is written (it fails, or it dies with the
/// transaction), a query ends at the statement timeout, a query of millions of rows returns the row limit, long
/// values and large results are cut in the silo's memory, values come typed, and errors quote PostgreSQL.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchLimitsTests(TwoWorkbenchUsers users) : IClassFixture<TwoWorkbenchUsers>
{
    private readonly WorkbenchPerson _alice = users.Alice;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory(Timeout = 60_000)]
    [InlineData("WITH gone AS (DELETE FROM records RETURNING 1) SELECT * FROM gone", true)]
    [InlineData("WITH added AS (INSERT INTO budget (item) VALUES ('x') RETURNING 1) SELECT * FROM added", true)]
    [InlineData("INSERT INTO budget (item) VALUES ('x')", true)]
    [InlineData("UPDATE user_table_rows SET row_values = '{}'", true)]
    [InlineData("DELETE FROM records", true)]
    [InlineData("CREATE TABLE stolen AS SELECT * FROM records", true)]
    [InlineData("SELECT * INTO stolen FROM records", true)]
    [InlineData("SELECT nextval('user_data.user_tables_table_id_seq')", true)]
    [InlineData("SELECT query_to_xml('CREATE TEMP TABLE stolen AS SELECT 1', true, false, '')", true)]
    [InlineData("SELECT query_to_xml('INSERT INTO user_table_rows VALUES (1, 1, ''{}'')', true, false, '')", true)]
    [InlineData("SELECT query_to_xml('DELETE FROM workbench.records', true, false, '')", true)]
    [InlineData("SELECT lo_from_bytea(0, 'stolen')", false)]
    [InlineData("SELECT set_config('transaction_read_only', 'off', true)", true)]
    [InlineData("SELECT pg_advisory_lock(424242), pg_advisory_lock_shared(424243)", false)]
    [InlineData("SELECT 1 FROM records FOR UPDATE", true)]
    public async Task No_write_of_any_kind_outlives_the_query(string attempt, bool refused)
    {
        var before = await StateAsync(_alice.UserId);
        var runner = await WorkbenchEngine.RunnerAsync();

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery(attempt, null, false), Cancellation);

        (await StateAsync(_alice.UserId)).ShouldBe(before, $"{attempt} answered {result.Error?.Message ?? result.RowsJson}");
        // A large object or an advisory lock PostgreSQL allows in a read-only transaction: rolled back, released.
        // The table ids' sequence is not in the state: other tests' uploads advance it meanwhile. nextval is refused,
        // and PostgreSQL refuses it in a read-only transaction before it advances anything.
        if (refused)
        {
            result.Error.ShouldNotBeNull($"{attempt} must fail: {result.RowsJson}");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_query_ends_at_the_statement_timeout_with_an_error_that_says_so()
    {
        var runner = await WorkbenchEngine.RunnerAsync();
        var clock = Stopwatch.StartNew();

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT pg_sleep(10)", null, false), Cancellation);

        clock.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(9), "the default limit is 5 s");
        result.Error.ShouldNotBeNull();
        result.Error.SqlState.ShouldBe(WorkbenchErrorStates.QueryCanceled);
        result.Error.Message.ShouldStartWith("The query ran longer than the limit of 5 s and was stopped");
        var next = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT 1 AS one", null, false), Cancellation);
        next.RowsJson.ShouldBe("[[1]]", "the connection is usable again");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_query_of_a_hundred_million_rows_returns_the_row_limit_and_says_it_was_cut()
    {
        var runner = await WorkbenchEngine.RunnerAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var result = await runner.RunAsync(
            _alice.UserId, new WorkbenchQuery("SELECT a * 10000 + b AS n, md5(b::text) FROM generate_series(0, 9999) AS a, generate_series(1, 10000) AS b", null, false),
            Cancellation);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4), "a cursor computes only the rows fetched");
        result.Error.ShouldBeNull();
        result.RowCount.ShouldBe(1_000, "the default row limit");
        result.Truncated.ShouldBeTrue();
        result.RowsJson.ShouldStartWith("[[", Case.Sensitive, result.RowsJson[..100]);
        result.RowsJson.ShouldContain(",\"c4ca4238a0b923820dcc509a6f75849b\"]", Case.Sensitive, "md5('1') of one of the first rows");
        // Process-wide (tests running beside this one allocate too): far below the gigabytes 100 million rows would take.
        (GC.GetTotalAllocatedBytes(precise: true) - allocated).ShouldBeLessThan(64L * 1024 * 1024, "bytes the process allocated while 1,000 of 100 million rows came");
        var asked = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT a * 10000 + b FROM generate_series(0, 9999) AS a, generate_series(1, 10000) AS b", 10_000, false), Cancellation);
        (asked.RowCount, asked.Truncated).ShouldBe((10_000, true));
        var tooMany = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT 1", 10_001, false), Cancellation);
        tooMany.Error!.Message.ShouldBe("limit must be between 1 and 10,000, not 10,001.");
        var exact = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT g FROM generate_series(1, 5) AS g", 5, false), Cancellation);
        (exact.RowCount, exact.Truncated).ShouldBe((5, false), "exactly the limit is not cut");
    }

    [Fact(Timeout = 60_000)]
    public async Task Long_values_are_cut_with_a_marker_and_a_large_result_stops_at_the_byte_limit()
    {
        var limits = new WorkbenchLimits();
        var runner = await WorkbenchEngine.RunnerAsync(limits);

        var result = await runner.RunAsync(
            _alice.UserId, new WorkbenchQuery("SELECT g, repeat('y', 20000) AS long FROM generate_series(1, 10000) AS g", 10_000, false), Cancellation);

        result.Error.ShouldBeNull();
        result.Truncated.ShouldBeTrue("10,000 rows of 2,000 characters are more than 4 MB");
        result.RowCount.ShouldBeInRange(1_900, 2_100);
        result.RowsJson.Length.ShouldBeLessThan(limits.MaxResultBytes + 3_000);
        result.RowsJson.ShouldStartWith($"[[1,\"{new string('y', 2_000)}… [cut at 2,000 characters]\"],[2,");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var huge = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT repeat('z', 20000000) AS huge", null, false), Cancellation);
        huge.Error.ShouldBeNull();
        huge.RowsJson.ShouldBe($"[[\"{new string('z', 2_000)}… [cut at 2,000 characters]\"]]");
        (GC.GetTotalAllocatedBytes(precise: true) - allocated).ShouldBeLessThan(16L * 1024 * 1024, "bytes the process allocated while a value of 20 MB (60 MB as a string) came");
    }

    [Fact(Timeout = 60_000)]
    public async Task Values_come_as_typed_json_and_times_in_iso_8601()
    {
        var runner = await WorkbenchEngine.RunnerAsync();

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("""
            SELECT 1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 1.5::float8 AS d, 'NaN'::float8 AS e, 12.50::numeric AS f,
                   true AS g, NULL::text AS h, 'it''s "q"'::text AS i, '2024-05-01 12:00:00.25+02'::timestamptz AS j,
                   '2024-05-01 12:00:00'::timestamp AS k, '2024-05-01'::date AS l, '{"x": [1, 2]}'::jsonb AS m, ARRAY[1, 2] AS n;
            """, null, false), Cancellation);

        result.Error.ShouldBeNull();
        result.RowsJson.ShouldBe(
            "[[1,2,9007199254740993,1.5,\"NaN\",12.50,true,null,\"it's \\\"q\\\"\",\"2024-05-01T10:00:00.25Z\",\"2024-05-01T12:00:00\",\"2024-05-01\",\"{\\\"x\\\": [1, 2]}\",\"{1,2}\"]]");
        result.Columns.Select(column => column.Type).ShouldBe(
            ["int2", "int4", "int8", "float8", "float8", "numeric", "bool", "text", "text", "timestamptz", "timestamp", "date", "jsonb", "_int4"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Text_is_masked_unless_the_owner_unmasks_it_and_the_two_are_cached_apart()
    {
        var runner = await WorkbenchEngine.RunnerAsync();
        const string Sql = "SELECT sender, recipients, subject, occurred_at FROM emails";

        var masked = await runner.RunAsync(_alice.UserId, new WorkbenchQuery(Sql, null, Unmasked: false), Cancellation);
        var unmasked = await runner.RunAsync(_alice.UserId, new WorkbenchQuery(Sql, null, Unmasked: true), Cancellation);

        masked.RowsJson.ShouldBe($"[[\"[email]\",\"[\\\"[email]\\\"]\",\"Mail {_alice.Marker}\",\"2024-05-02T09:00:00Z\"]]");
        unmasked.RowsJson.ShouldBe($"[[\"{_alice.Marker}@example.org\",\"[\\\"friend@example.org\\\"]\",\"Mail {_alice.Marker}\",\"2024-05-02T09:00:00Z\"]]");
        unmasked.Cached.ShouldBeFalse("an unmasked result is never the masked one from the cache");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_error_quotes_postgresql_and_points_into_the_users_sql()
    {
        var runner = await WorkbenchEngine.RunnerAsync();

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("  SELECT nosuch FROM records;  ", null, false), Cancellation);

        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("column \"nosuch\" does not exist");
        result.Error.SqlState.ShouldBe("42703");
        result.Error.Position.ShouldBe(8, "the position in the SQL as sent, trimmed");
        var denied = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT * FROM user_data.records", null, false), Cancellation);
        denied.Error!.Message.ShouldBe("permission denied for schema user_data");
        denied.Error.Hint.ShouldNotBeNull().ShouldContain("reads only your views");
        var empty = await runner.RunAsync(_alice.UserId, new WorkbenchQuery(" ; ", null, false), Cancellation);
        empty.Error!.SqlState.ShouldBe(WorkbenchErrorStates.Refused);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_its_own_login_the_workbench_refuses_and_says_what_to_set()
    {
        var cache = new RedisWorkbenchResultCache(await WorkbenchEngine.RedisAsync(), Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisWorkbenchResultCache>.Instance);
        var runner = new WorkbenchRunner(WorkbenchDataSource.NotConfigured(), cache, new WorkbenchLimits());

        var result = await runner.RunAsync(_alice.UserId, new WorkbenchQuery("SELECT 1", null, false), Cancellation);

        result.Error!.SqlState.ShouldBe(WorkbenchErrorStates.NotConfigured);
        result.Error.Message.ShouldContain("ConnectionStrings:PostgresWorkbench");
    }

    // What a query could have changed: the rows of every table behind the views, the relations and sequences that
    // exist, and the advisory locks held by any session of the workbench's login.
    private static async Task<string> StateAsync(string userId) => (await WorkbenchEngine.ScalarAsync<string>("""
        SELECT concat_ws(' ',
            (SELECT count(*) FROM user_data.records WHERE user_id = $1), (SELECT md5(string_agg(row_values::text, ',')) FROM user_data.user_table_rows WHERE user_id = $1),
            (SELECT count(*) FROM user_data.user_tables WHERE user_id = $1), (SELECT count(*) FROM imports.files WHERE user_id = $1),
            (SELECT count(*) FROM pg_class WHERE relname = 'stolen'),
            (SELECT count(*) FROM pg_largeobject_metadata),
            (SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.usename = 'datapunk_workbench'),
            (SELECT count(*) FROM workbench.bindings))
        """, userId))!;
}
