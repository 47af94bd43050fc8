using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Import.Tests.Storage;

/// <summary>
/// The two ways fixes are stored (docs/data-model.md): copied straight into their table when the
/// user has none in the chunk's time range, staged and anti-joined otherwise, and the fall back
/// from the first to the second when a concurrent merge stores one of the fixes first.
/// </summary>
public sealed class LocationMergeTests : IDisposable
{
    private static readonly ImportChunking SmallChunks = new() { LocationRows = 500 };

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Fixes_copied_directly_and_fixes_merged_from_staging_are_stored_identically()
    {
        var copied = ImportDatabase.NewUser("copied");
        var staged = ImportDatabase.NewUser("staged");
        var takeout = ArchiveBuilder.Zip(_temp.File("takeout.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 2_000))));
        // A fix of every chunk stored first, so that each chunk of the second user's import finds a stored fix in its range.
        var seed = ArchiveBuilder.Zip(
            _temp.File("seed.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 1), (500, 1), (1_000, 1), (1_500, 1))));
        await PipelineHarness.ImportAsync(staged, [seed], SmallChunks);

        var direct = await PipelineHarness.ImportAsync(copied, [takeout], SmallChunks);
        var merged = await PipelineHarness.ImportAsync(staged, [takeout], SmallChunks);

        direct.Inserted("location_points").ShouldBe(2_000);
        merged.Inserted("location_points").ShouldBe(1_996);
        merged.Totals.Duplicates.ShouldBe(4);
        (await ImportDatabase.LocationChecksumAsync(staged)).ShouldBe(await ImportDatabase.LocationChecksumAsync(copied));
        (await ImportDatabase.ScalarAsync<long>("""
            SELECT count(*) FROM timeseries.location_points
            WHERE user_id = ANY($1)
              AND position::bytea <> ST_SetSRID(ST_MakePoint(lng_e7 / 1e7::float8, lat_e7 / 1e7::float8), 4326)::geography::bytea
            """, (object)new[] { copied, staged })).ShouldBe(0, "positions are the same bytes whichever way they were stored");
    }

    [Fact]
    public async Task A_direct_copy_that_meets_a_fix_stored_concurrently_falls_back_and_counts_it_as_a_duplicate()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var user = ImportDatabase.NewUser("concurrent");
        var takeout = ArchiveBuilder.Zip(_temp.File("takeout.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 300))));

        // Another transaction stores the first fix and holds it uncommitted: the import's range probe cannot see it,
        // so the import copies directly and waits on the unique index until that transaction commits. The user's
        // leaf of that month is made first, as a merge would.
        await new LocationPartitions(ImportDatabase.DataSource).EnsureAsync(user, [PartitionMonth.Of(LocationHistoryWriter.Time(0))], cancellationToken);
        await using var other = await ImportDatabase.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await other.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, device, file_id, position)
            VALUES ($1, $2, $3, $4, $5, 0, ST_SetSRID(ST_MakePoint($4 / 1e7::float8, $3 / 1e7::float8), 4326)::geography)
            """, other, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = user });
            // Fix 0 of LocationHistoryWriter.
            insert.Parameters.Add(new NpgsqlParameter { Value = LocationHistoryWriter.Time(0) });
            insert.Parameters.Add(new NpgsqlParameter { Value = 473_000_000 });
            insert.Parameters.Add(new NpgsqlParameter { Value = 85_000_000 });
            insert.Parameters.Add(new NpgsqlParameter { Value = LocationHistoryWriter.DeviceTag });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var import = PipelineHarness.ImportAsync(user, [takeout], SmallChunks);
        await Poll.UntilAsync(
            async _ => await ImportDatabase.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'COPY timeseries.location_points%'") > 0,
            TimeSpan.FromSeconds(30), () => "the import's COPY to wait on the uncommitted fix", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var result = await import;

        result.Outcome.End.ShouldBe(ImportRunEnd.Completed, result.Outcome.Message);
        result.Inserted("location_points").ShouldBe(299);
        result.Totals.Duplicates.ShouldBe(1);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", user)).ShouldBe(300);
    }

    public void Dispose() => _temp.Dispose();
}
