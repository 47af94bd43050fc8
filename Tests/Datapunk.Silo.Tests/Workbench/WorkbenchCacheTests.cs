using Datapunk.Grains;

namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// Workbench results in Redis: a repeated query is served from the cache under the user's own key, the same SQL of
/// another user never gets the first user's entry, and new data of any kind (an imported file, an uploaded table, a
/// changed one, a new places model) makes the next query run again.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchCacheTests
{
    private const string CountRecords = "SELECT count(*) AS records FROM records";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_repeated_query_comes_from_the_users_own_cache_entry_and_never_from_another_users()
    {
        var alice = await WorkbenchPerson.SeedAsync("alice");
        var bob = await WorkbenchPerson.SeedAsync("bob");
        var runner = await WorkbenchEngine.RunnerAsync();
        const string Titles = "SELECT title FROM records ORDER BY occurred_at";

        var first = await runner.RunAsync(alice.UserId, new WorkbenchQuery(Titles, null, false), Cancellation);
        var again = await runner.RunAsync(alice.UserId, new WorkbenchQuery($"  {Titles} ;", null, false), Cancellation);
        var bobs = await runner.RunAsync(bob.UserId, new WorkbenchQuery(Titles, null, false), Cancellation);

        (first.Cached, again.Cached).ShouldBe((false, true), "the same SQL (trimmed, its semicolon dropped) the second time");
        again.RowsJson.ShouldBe(first.RowsJson);
        bobs.Cached.ShouldBeFalse("the other user's first run of the same SQL");
        bobs.RowsJson.ShouldContain(bob.Marker);
        bobs.RowsJson.ShouldNotContain(alice.Marker);
        var unmasked = await runner.RunAsync(alice.UserId, new WorkbenchQuery(Titles, null, true), Cancellation);
        unmasked.Cached.ShouldBeFalse("masked and unmasked results are cached apart");
        var fewer = await runner.RunAsync(alice.UserId, new WorkbenchQuery(Titles, 2, false), Cancellation);
        (fewer.Cached, fewer.RowCount).ShouldBe((false, 2), "another row limit is another entry");

        var keys = await KeysAsync(alice.UserId);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(key => key.StartsWith($"dp:u:{{{alice.UserId}}}:sql:", StringComparison.Ordinal), "the user's keys, which erasure deletes by prefix");
        var redis = (await WorkbenchEngine.RedisAsync()).GetDatabase();
        foreach (var key in keys)
        {
            var value = (string)(await redis.StringGetAsync(key))!;
            value.ShouldNotContain(bob.Marker);
            (await redis.KeyTimeToLiveAsync(key)).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task New_data_of_any_kind_makes_the_next_query_run_again()
    {
        var alice = await WorkbenchPerson.SeedAsync("alice");
        var owner = await WorkbenchEngine.OwnerAsync();
        var runner = await WorkbenchEngine.RunnerAsync();
        async Task<(bool Cached, string Rows)> RunAsync(string sql)
        {
            var result = await runner.RunAsync(alice.UserId, new WorkbenchQuery(sql, null, false), Cancellation);
            result.Error.ShouldBeNull(sql);
            return (result.Cached, result.RowsJson);
        }

        (await RunAsync(CountRecords)).ShouldBe((false, "[[4]]"));
        (await RunAsync(CountRecords)).ShouldBe((true, "[[4]]"));

        // An import (or a live batch, or a polled page) adds a file and its records.
        var importId = Guid.NewGuid();
        await WorkbenchPerson.ExecuteAsync(owner, "INSERT INTO imports.jobs (import_id, user_id, status, paths) VALUES ($1, $2, 'completed', '{}')", importId, alice.UserId);
        await WorkbenchPerson.ExecuteAsync(owner, """
            WITH file AS (INSERT INTO imports.files (import_id, entry_key, user_id, source, path, status) VALUES ($1, 'more', $2, 'upload', 'more.json', 'imported') RETURNING file_id)
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, title, file_id) SELECT $2, 12, 'n2', now(), 'Another note', file_id FROM file
            """, importId, alice.UserId);
        (await RunAsync(CountRecords)).ShouldBe((false, "[[5]]"), "after an import");

        // A chunk merged into a file already there (an import in progress).
        await WorkbenchPerson.ExecuteAsync(owner, """
            INSERT INTO imports.entry_chunks (file_id, chunk_no, import_id, user_id, read, inserted)
            SELECT file_id, 1, import_id, user_id, '{}', '{}' FROM imports.files WHERE file_id = $1
            """, alice.FileId);
        (await RunAsync(CountRecords)).Cached.ShouldBeFalse("after a merged chunk");

        const string Tables = "SELECT name, row_count FROM user_tables ORDER BY name";
        (await RunAsync(Tables)).ShouldBe((false, "[[\"budget\",2]]"));
        (await RunAsync(Tables)).Cached.ShouldBeTrue();
        await WorkbenchPerson.ExecuteAsync(owner, """
            INSERT INTO user_data.user_tables (user_id, name, file_name, format, columns) VALUES ($1, 'trips', 'trips.csv', 'csv', '[]')
            """, alice.UserId);
        (await RunAsync(Tables)).ShouldBe((false, "[[\"budget\",2],[\"trips\",0]]"), "after an upload");
        await WorkbenchPerson.ExecuteAsync(owner, "UPDATE user_data.user_tables SET row_count = 3, updated_at = now() + interval '1 second' WHERE user_id = $1 AND name = 'trips'", alice.UserId);
        (await RunAsync(Tables)).ShouldBe((false, "[[\"budget\",2],[\"trips\",3]]"), "after an upload replaced a table");
        await WorkbenchPerson.ExecuteAsync(owner, "DELETE FROM user_data.user_tables WHERE user_id = $1 AND name = 'trips'", alice.UserId);
        (await RunAsync(Tables)).ShouldBe((true, "[[\"budget\",2]]"), "the entry of the same data as before the upload, still in its time to live");

        const string Places = "SELECT count(*) FROM places";
        (await RunAsync(Places)).ShouldBe((false, "[[1]]"));
        await WorkbenchPerson.ExecuteAsync(owner, "UPDATE analytics.model_versions SET status = 'retired' WHERE user_id = $1 AND kind = 'places'", alice.UserId);
        await WorkbenchPerson.ExecuteAsync(owner, """
            INSERT INTO analytics.model_versions (user_id, kind, version, status, reason, trained_by) VALUES ($1, 'places', 2, 'promoted', 'test', 'test')
            """, alice.UserId);
        (await RunAsync(Places)).ShouldBe((false, "[[0]]"), "after a new places model was promoted");
    }

    private static async Task<List<string>> KeysAsync(string userId)
    {
        var redis = await WorkbenchEngine.RedisAsync();
        var keys = new List<string>();
        foreach (var server in redis.GetServers().Where(server => !server.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: $"dp:u:{{{userId}}}:sql:*"))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }
}
