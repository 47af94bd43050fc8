using Datapunk.Lake.Storage;
using Datapunk.Streams.Polling;
using Npgsql;

namespace Datapunk.Streams.Tests;

/// <summary>
/// A poll and an erasure of its user take turns (<see cref="AccountFence"/>, as live ingest batches
/// do): a page read while the account was erased stores nothing, and one whose store meets an erasure
/// under way waits for it and then stores nothing either. The fake holds the poll's answer while the
/// account goes.
/// </summary>
public sealed class PolledPageErasureTests : SpotifyEngineTest
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_page_read_while_the_account_was_erased_stores_nothing()
    {
        var (userId, hold, poll) = await PollInFlightAsync();

        // The erasure's first step: the account row goes (its connection row is still there).
        await OwnerAsync("DELETE FROM auth.accounts WHERE user_id = $1", userId);
        hold.Release();

        (await Should.ThrowAsync<AccountGoneException>(() => poll)).UserId.ShouldBe(userId);
        await NothingOfAsync(userId);
    }

    [Fact]
    public async Task A_page_stored_while_an_erasure_is_under_way_waits_for_it_and_then_stores_nothing()
    {
        var (userId, hold, poll) = await PollInFlightAsync();

        // An erasure that has deleted the account row and not yet the user's data.
        var owner = await StreamDatabase.OwnerAsync();
        await using var erasure = await owner.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await erasure.BeginTransactionAsync(Cancel);
        await ExecuteAsync(erasure, transaction, "DELETE FROM auth.accounts WHERE user_id = $1", userId);
        hold.Release();

        await Poll.UntilAsync(async cancel => await WaitsForAsync(erasure.ProcessID, cancel), TimeSpan.FromSeconds(15),
            () => "the page's transaction waits for the erasure's lock on the account row", Cancel);
        foreach (var table in new[] { "imports.files", "imports.jobs", "user_data.connections", "user_data.records" })
        {
            await ExecuteAsync(erasure, transaction, $"DELETE FROM {table} WHERE user_id = $1", userId);
        }

        await transaction.CommitAsync(Cancel);

        await Should.ThrowAsync<AccountGoneException>(() => poll);
        await NothingOfAsync(userId);
    }

    /// <summary>Whether a session is blocked by <paramref name="pid"/>: the page's store, waiting on the fence.</summary>
    private static async Task<bool> WaitsForAsync(int pid, CancellationToken cancel)
    {
        var owner = await StreamDatabase.OwnerAsync();
        await using var command = owner.DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))");
        command.Parameters.Add(new NpgsqlParameter { Value = pid });
        return (long)(await command.ExecuteScalarAsync(cancel))! > 0;
    }

    private static async Task NothingOfAsync(string userId)
    {
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(0, "no record of the erased user");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM imports.files WHERE user_id = $1", userId))
            .ShouldBe(0, "no provenance row of the erased user's page");
    }

    private static async Task OwnerAsync(string sql, string userId)
    {
        var owner = await StreamDatabase.OwnerAsync();
        await using var command = owner.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string userId)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>A connected user's poll whose first answer (the plays) the fake holds: it has arrived, and is not answered until released.</summary>
    private async Task<(string UserId, FakeSpotifyHold Hold, Task<PollResult> Poll)> PollInFlightAsync()
    {
        var (userId, _, key) = await Authorizations.NewConnectionAsync(
            Engine, Spotify, "erased", account => account.Play(Start, "t1", "Last Song", "Artist").Save(Start, "s1", "Kept", "Artist"));
        var hold = Spotify.Hold("recently-played");
        var poll = Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        return (userId, hold, poll);
    }
}
