using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;

namespace Datapunk.Import.Tests.Storage;

/// <summary>Staging by COPY and the chunk merge, through the pipeline below the grain, against the real database.</summary>
public sealed class ChunkMergeTests : IDisposable
{
    private static readonly ImportChunking SmallChunks = new() { LocationRows = 300, RecordRows = 50 };

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Merge_stores_each_fix_once_and_counts_what_it_stored_per_chunk()
    {
        var user = ImportDatabase.NewUser("merge");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            ("Takeout/Location History (Timeline)/Records.json", LocationHistoryWriter.Bytes((0, 1000), (0, 100))));

        var result = await PipelineHarness.ImportAsync(user, [zip], SmallChunks);

        result.Outcome.End.ShouldBe(ImportRunEnd.Completed, result.Outcome.Message);
        result.Inserted("location_points").ShouldBe(1000);
        result.Totals.Duplicates.ShouldBe(100, "the last 100 fixes repeat the first 100");
        result.Totals.Files.ShouldBe(new ImportFileCounts(1, 1, 0, 0, 0, 0));
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", user)).ShouldBe(1000);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.entry_chunks WHERE import_id = $1", result.ImportId))
            .ShouldBe(4, "1,100 fixes in chunks of 300");
        (await ImportDatabase.StagingTablesAsync())
            .ShouldBe(0, "merged chunks leave nothing in staging");
    }

    [Fact]
    public async Task Every_stored_fix_points_to_its_import_entry_and_format_variant()
    {
        var user = ImportDatabase.NewUser("provenance");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-002.zip"),
            ("Takeout/Location History (Timeline)/Records.json", LocationHistoryWriter.Bytes((0, 10))));

        var result = await PipelineHarness.ImportAsync(user, [zip]);

        var provenance = await ImportDatabase.ScalarAsync<string>("""
            SELECT string_agg(DISTINCT f.import_id || ' ' || f.entry_key || ' ' || f.format_id || ' ' || f.variant, ';')
            FROM timeseries.location_points p JOIN imports.files f USING (file_id) WHERE p.user_id = $1
            """, user);
        provenance.ShouldBe($"{result.ImportId} takeout-002.zip!Takeout/Location History (Timeline)/Records.json google.location.records records.json");
    }

    [Fact]
    public async Task Rows_are_visible_only_to_their_owner_under_row_level_security()
    {
        var owner = ImportDatabase.NewUser("owner");
        var other = ImportDatabase.NewUser("other");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 25))));
        await PipelineHarness.ImportAsync(owner, [zip]);

        // Naming the owner keeps the count to the owner's leaves: the shared test database holds every test's fixes, and a
        // count of all of them under row-level security scans them all. The other user names the owner and still sees none.
        (await ImportDatabase.ScalarAsUserAsync<long>(owner, "SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", owner)).ShouldBe(25);
        (await ImportDatabase.ScalarAsUserAsync<long>(other, "SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", owner)).ShouldBe(0);
        (await ImportDatabase.ScalarAsUserAsync<long>(other, "SELECT count(*) FROM imports.files")).ShouldBe(0);
        (await ImportDatabase.ScalarAsUserAsync<long>(owner, "SELECT count(*) FROM imports.files")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Each_month_gets_a_leaf_per_user_with_its_time_and_position_indexes_once_loaded()
    {
        var user = ImportDatabase.NewUser("partitions");
        var other = ImportDatabase.NewUser("partitions");
        // One fix every 20 s: 200,000 fixes span 46 days, so January and February 2019.
        var zip = ArchiveBuilder.Zip(_temp.File("takeout.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 200_000))));

        (await PipelineHarness.ImportAsync(user, [zip])).Inserted("location_points").ShouldBe(200_000);
        (await PipelineHarness.ImportAsync(other, [zip])).Inserted("location_points").ShouldBe(200_000, "another user's copy of the same fixes is theirs");

        foreach (var monthStart in new[] { new DateTime(2019, 1, 1), new DateTime(2019, 2, 1) })
        {
            var month = LocationPartitions.PartitionName(PartitionMonth.Of(monthStart));
            foreach (var owner in new[] { user, other })
            {
                var leaf = LocationPartitions.LeafName(PartitionMonth.Of(monthStart), owner);
                (await ImportDatabase.ScalarAsync<long>(
                    "SELECT count(*) FROM pg_inherits WHERE inhrelid = to_regclass('timeseries.' || $1) AND inhparent = to_regclass('timeseries.' || $2)", leaf, month))
                    .ShouldBe(1, $"{leaf} should be {owner}'s leaf of {month}");
                (await ImportDatabase.ScalarAsync<long>($"SELECT count(*) FROM timeseries.{leaf} WHERE user_id <> $1", owner))
                    .ShouldBe(0, $"{leaf} holds {owner}'s fixes only");
                (await ImportDatabase.ScalarAsync<long>(
                    "SELECT count(*) FROM pg_indexes WHERE schemaname = 'timeseries' AND tablename = $1 AND indexdef LIKE '%USING gist (((\"position\")::geometry))%'", leaf))
                    .ShouldBe(1, $"{leaf} should have its GiST index on position");
                (await ImportDatabase.ScalarAsync<long>(
                    "SELECT count(*) FROM pg_indexes WHERE schemaname = 'timeseries' AND tablename = $1 AND indexdef LIKE '%USING brin (\"time\")%'", leaf))
                    .ShouldBe(1, $"{leaf} should have its BRIN index on time");
            }
        }
    }

    public void Dispose() => _temp.Dispose();
}
