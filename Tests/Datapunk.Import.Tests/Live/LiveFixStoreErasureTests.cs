using Datapunk.Lake;
using Datapunk.Lake.Live;
using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;

namespace Datapunk.Import.Tests.Live;

/// <summary>
/// A phone's batch and an erasure of its account take turns (<see cref="AccountFence"/>): a batch for
/// an erased account stores nothing, not even a location leaf, and one whose account is being erased
/// waits for the erasure and then stores nothing either.
/// </summary>
public sealed class LiveFixStoreErasureTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static LiveFixStore Store { get; } = new(ImportDatabase.SiloLogin, new LocationPartitions(ImportDatabase.SiloLogin), TimeProvider.System);

    [Fact]
    public async Task A_batch_for_an_account_that_is_gone_stores_nothing()
    {
        var userId = ImportDatabase.NewUser("gone");

        var refused = await Should.ThrowAsync<AccountGoneException>(() => Store.StoreAsync(userId, Batch(), Cancel));

        refused.UserId.ShouldBe(userId);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.jobs WHERE user_id = $1", userId)).ShouldBe(0);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", userId)).ShouldBe(0);
        (await ImportDatabase.ScalarAsync<string?>("SELECT to_regclass('timeseries.' || $1)::text", LocationPartitions.LeafName(PartitionMonth.Of(Moment), userId)))
            .ShouldBeNull("no location leaf is made for a user who is gone");
    }

    [Fact]
    public async Task A_batch_arriving_while_its_account_is_erased_waits_and_then_stores_nothing()
    {
        var userId = ImportDatabase.NewUser("erasing");
        await ImportDatabase.ScalarAsync<int>("INSERT INTO auth.accounts (user_id, role) VALUES ($1, 'member') RETURNING 1", userId);
        (await Store.StoreAsync(userId, Batch(minute: 0), Cancel)).Stored.ShouldBe(1, "the account exists: the batch is stored");

        // The erasure's transaction has deleted the account row and not yet committed.
        await using var erasure = await ImportDatabase.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await erasure.BeginTransactionAsync(Cancel);
        await using (var delete = new Npgsql.NpgsqlCommand("DELETE FROM auth.accounts WHERE user_id = $1", erasure, transaction) { Parameters = { new() { Value = userId } } })
        {
            await delete.ExecuteNonQueryAsync(Cancel);
        }

        var batch = Store.StoreAsync(userId, Batch(minute: 1), Cancel);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Cancel);
        batch.IsCompleted.ShouldBeFalse("the batch waits for the erasure's lock on the account");
        await transaction.CommitAsync(Cancel);

        await Should.ThrowAsync<AccountGoneException>(() => batch);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1 AND time > $2", userId, Moment.AddSeconds(30)))
            .ShouldBe(0, "nothing of the batch that came during the erasure was stored");
    }

    private static readonly DateTime Moment = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static LiveFixBatch Batch(int minute = 0) =>
        new(LiveSource.OwnTracks, [new LocationFix(Moment.AddMinutes(minute), 525200000, 134050000, AccuracyMeters: 10, Source: "owntracks")], 0, "phone", "{}"u8.ToArray());
}
