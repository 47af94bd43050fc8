using Datapunk.Users.Accounts;
using Datapunk.Users.Privacy;
using Datapunk.Users.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Datapunk.Users.Tests.Privacy;

/// <summary>
/// Erasing one of two users who hold the same kinds of data leaves nothing of the erased one in any
/// table, the spool or Redis, and everything of the other as it was. (One class: the unknown-table
/// test adds a table that would stop the other test's erasure.)
/// </summary>
public sealed class AccountErasureTests : IAsyncLifetime
{
    private readonly TempFolder _spool = new();
    private readonly RecordedTombstones _tombstones = new();
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync()
    {
        await PrivacyDatabase.MigrateAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("DATAPUNK_TEST_REDIS") ?? "127.0.0.1:6379");
    }

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        _spool.Dispose();
    }

    [Fact]
    public async Task Erasure_removes_every_trace_of_the_user_and_nothing_of_another()
    {
        var (erased, kept) = (PrivacyDatabase.NewUser("erase-gone"), PrivacyDatabase.NewUser("erase-kept"));
        using var fixtures = new TempFolder();
        var archive = FixtureImports.FixtureArchive(fixtures);
        foreach (var user in new[] { erased, kept })
        {
            await FixtureImports.ImportAsync(user, archive);
            await LeaveTracesAsync(user);
        }

        (await UserTraces.RowCountsAsync(erased)).Values.ShouldContain(count => count != "0");
        var keptRows = await UserTraces.RowCountsAsync(kept);
        var keptTraces = await UserTraces.FindAsync(kept);

        var report = await NewEraser().EraseAsync(erased, TestContext.Current.CancellationToken);

        (await UserTraces.FindAsync(erased)).ShouldBeEmpty($"nothing of {erased} should remain in the database");
        Directory.Exists(Path.Combine(_spool.Path, erased)).ShouldBeFalse("the user's spool folder is removed");
        (await CacheKeysAsync(erased)).ShouldBeEmpty("the user's cache keys are removed");
        report.GrainStates.ShouldBe(3, "the user grain's state, the import job's and the places model's");
        report.Reminders.ShouldBe(3, "the user grain's reminder, the import job's and the places model's");
        report.CacheKeys.ShouldBe(2);
        report.SpoolFiles.ShouldBe(2);
        report.LocationLeaves.ShouldBeGreaterThan(0);
        _tombstones.Written.ShouldHaveSingleItem().UserId.ShouldBe(erased);

        (await UserTraces.RowCountsAsync(kept)).ShouldBe(keptRows, "the other user's rows are untouched");
        (await UserTraces.FindAsync(kept)).ShouldBe(keptTraces, "the other user's grain rows are untouched");
        File.Exists(Path.Combine(_spool.Path, kept, "uploads", "takeout.zip.part")).ShouldBeTrue();
        (await CacheKeysAsync(kept)).Count.ShouldBe(2);

        var again = await NewEraser().EraseAsync(erased, TestContext.Current.CancellationToken);
        again.Rows.Values.Sum().ShouldBe(0, "a second run finds nothing left and succeeds");
        _tombstones.Written.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_table_without_user_id_that_nobody_vouched_for_stops_erasure_before_it_deletes()
    {
        var user = PrivacyDatabase.NewUser("erase-stop");
        using var fixtures = new TempFolder();
        await FixtureImports.ImportAsync(user, FixtureImports.FixtureArchive(fixtures));
        var before = await UserTraces.RowCountsAsync(user);
        var probe = $"user_data.notes_{Guid.NewGuid():N}";
        await PrivacyDatabase.Database.ExecuteAsync($"CREATE TABLE {probe} (owner text, note text)", new Dictionary<string, object>(), TestContext.Current.CancellationToken);
        try
        {
            var refused = await Should.ThrowAsync<InvalidOperationException>(() => NewEraser().EraseAsync(user, TestContext.Current.CancellationToken));
            refused.Message.ShouldContain(probe);
            refused.Message.ShouldContain("before deleting anything");
            (await UserTraces.RowCountsAsync(user)).ShouldBe(before);
        }
        finally
        {
            await PrivacyDatabase.Database.ExecuteAsync($"DROP TABLE {probe}", new Dictionary<string, object>(), CancellationToken.None);
        }

        await NewEraser().EraseAsync(user, TestContext.Current.CancellationToken);
        (await UserTraces.FindAsync(user)).ShouldBeEmpty();
    }

    private AccountEraser NewEraser() => new(
        PrivacyDatabase.DataSource, new UserSpool(_spool.Path), _redis, _tombstones, TimeProvider.System, NullLogger<AccountEraser>.Instance);

    /// <summary>What a user leaves outside the tables the import filled: an account, profile and token, an upload in the spool, cache entries, grain state and reminders.</summary>
    private async Task LeaveTracesAsync(string user)
    {
        var token = TestContext.Current.CancellationToken;
        (await new AccountTable(PrivacyDatabase.DataSource).TryCreateAsync(user, "member", token)).ShouldBeTrue();
        await new ProfileTable(PrivacyDatabase.DataSource).SaveAsync(user, new Profile($"{user} the tester", $"{user}@example.com", "Europe/Berlin"), token);
        await new AccessTokenTable(PrivacyDatabase.DataSource, TimeProvider.System).IssueAsync(user, "laptop", ["read"], null, token);

        var upload = Path.Combine(_spool.Path, user, "uploads", "takeout.zip.part");
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        await File.WriteAllTextAsync(upload, $"an upload of {user}", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_spool.Path, user, "exports.zip"), user, TestContext.Current.CancellationToken);
        var cache = _redis.GetDatabase();
        await cache.StringSetAsync(UserCacheKeys.For(user, "timeline:2019-07-01"), $"[\"{user}\"]", TimeSpan.FromMinutes(10));
        await cache.StringSetAsync(UserCacheKeys.For(user, "stats"), "{}", TimeSpan.FromMinutes(10));

        // The rows Orleans' ADO.NET providers write for the user grain (a string key), the import's job grain (a Guid key) and
        // one of the user's models (Forge's model grain, keyed user/kind), and a version of that model in the registry.
        var importId = Guid.Parse((await PrivacyDatabase.RowsAsync("SELECT import_id FROM imports.jobs WHERE user_id = $1", user))[0]);
        var key = importId.ToByteArray();
        await PrivacyDatabase.Database.ExecuteAsync("""
            INSERT INTO orleans.grain_state (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type, grain_id_extension, service_id, payload, version)
            VALUES (1, 0, 0, 2, 'user-profile', @user, 'users-tests', convert_to('{"DisplayName":"' || @user || '"}', 'UTF8'), 1),
                   (3, @n0, @n1, 4, 'import-job', NULL, 'users-tests', convert_to('{"UserId":"' || @user || '"}', 'UTF8'), 1),
                   (7, 0, 0, 8, 'model', @user || '/places', 'users-tests', convert_to('{"Requested":1}', 'UTF8'), 1);
            INSERT INTO orleans.reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
            VALUES ('users-tests', 'user/' || @user, 'daily', now(), 86400000, 5, 0),
                   ('users-tests', 'import-job/' || @import, 'resume', now(), 60000, 6, 0),
                   ('users-tests', 'model/' || @user || '/places', 'train', now(), 60000, 9, 0);
            INSERT INTO analytics.model_versions (user_id, kind, version, status, reason, trained_by) VALUES (@user, 'places', 1, 'promoted', 'import', 'silo');
            """,
            new Dictionary<string, object>
            {
                ["user"] = user, ["n0"] = BitConverter.ToInt64(key, 0), ["n1"] = BitConverter.ToInt64(key, 8), ["import"] = importId.ToString("N"),
            },
            TestContext.Current.CancellationToken);
    }

    private async Task<List<RedisKey>> CacheKeysAsync(string user)
    {
        var keys = new List<RedisKey>();
        foreach (var server in _redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: UserCacheKeys.Prefix(user) + "*"))
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
