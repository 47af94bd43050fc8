using Datapunk.Import.Tests.Identity;
using Datapunk.Lake.Catalog;
using Datapunk.Lake.Deletion;

namespace Datapunk.Import.Tests.Deletion;

/// <summary>
/// Deleting an export over real imports and PostgreSQL, below the grain (which starts the re-read the way
/// <see cref="Re_read"/> does here): what the preview counts is what goes, the records another file still
/// holds stay (read again from its kept original), a deletion repeated finds nothing to do, and another
/// person's import does not exist.
/// </summary>
public sealed class ImportDeletionTests : IDisposable
{
    private const int Fixes = 60;

    // year × 12 + month − 1 of March 2024, the month of SameDayExports.
    private const int March2024 = (2024 * 12) + 2;

    private static readonly ImportDeletions Deletions = new(ImportDatabase.SiloLogin);

    private readonly TempFolder _temp = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task A_file_without_overlap_goes_with_its_embeddings_and_kept_extents_exactly_as_previewed_and_once()
    {
        var user = ImportDatabase.NewUser("del-alone");
        var other = ImportDatabase.NewUser("del-other");
        var phone = await ImportAsync(user, "phone.zip", "android");
        var stored = await ImportDatabase.CountsAsync(user);
        stored["location_points"].ShouldBe(Fixes);
        var embedded = await EmbedEveryRecordAsync(user);
        embedded.ShouldBeGreaterThan(0);
        await ImportDatabase.ScalarAsync<int>("""
            INSERT INTO timeseries.fix_month_extents (user_id, month, version, fixes) VALUES ($1, $2, 1, 60)
            ON CONFLICT (user_id, month) DO UPDATE SET fixes = 60 RETURNING 1
            """, user, March2024);

        (await Deletions.PreviewAsync(other, phone, null, Cancel)).ShouldBeNull("another person's import does not exist for them");
        (await Deletions.PreviewAsync(user, phone, long.MaxValue, Cancel)).ShouldBeNull("nor does a file the import does not have");
        var preview = await Deletions.PreviewAsync(user, phone, null, Cancel) ?? throw new ShouldAssertException("the owner's import has no preview");
        preview.Deleted.ShouldBeFalse();
        preview.Records.ShouldBe(stored.Where(kind => kind.Value > 0).ToDictionary(), ignoreOrder: true);
        preview.Embeddings.ShouldBe(embedded);
        preview.Overlapping.ShouldBeEmpty();
        (await ImportDatabase.CountsAsync(user)).ShouldBe(stored, ignoreOrder: true, "a preview changes nothing");

        var deleted = await Deletions.DeleteAsync(user, preview, Cancel);

        deleted.Records.ShouldBe(preview.Records, ignoreOrder: true);
        deleted.Embeddings.ShouldBe(preview.Embeddings);
        (await ImportDatabase.CountsAsync(user)).Values.Sum().ShouldBe(0, "every row stored from the file is gone");
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM vectors.record_embeddings WHERE user_id = $1", user)).ShouldBe(0);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM vectors.text_embeddings WHERE user_id = $1", user))
            .ShouldBe(0, "the vectors of the deleted records' texts go with the last record embedded from them");
        (await ImportDatabase.ScalarAsync<long?>("SELECT fixes FROM timeseries.fix_month_extents WHERE user_id = $1 AND month = $2", user, March2024))
            .ShouldBeNull("the month's kept extent counted the deleted fixes");
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.files WHERE import_id = $1 AND deleted_at IS NOT NULL", phone)).ShouldBe(1);

        var again = await Deletions.PreviewAsync(user, phone, null, Cancel) ?? throw new ShouldAssertException("the deleted import is still listed");
        again.Records.ShouldBeEmpty();
        (await Deletions.DeleteAsync(user, again, Cancel)).Records.ShouldBeEmpty("a repeated deletion finds nothing to do");

        var reimported = await PipelineHarness.ImportAsync(user, [_temp.File("phone.zip")]);
        reimported.Totals.Files.Unchanged.ShouldBe(0, "the deleted content is imported again, not skipped as unchanged");
        (await ImportDatabase.CountsAsync(user)).ShouldBe(stored, ignoreOrder: true);
    }

    [Fact(Timeout = 300_000)]
    public async Task Deleting_the_export_a_later_one_matched_keeps_the_later_ones_records_by_reading_its_kept_original_again()
    {
        var user = ImportDatabase.NewUser("del-overlap");
        var takeout = await ImportAsync(user, "takeout.zip", "records");
        var phone = await ImportAsync(user, "phone.zip", "android");
        var phoneFile = await ImportDatabase.ScalarAsync<long>("SELECT file_id FROM imports.files WHERE import_id = $1", phone);
        var before = await ImportDatabase.CountsAsync(user);
        before["location_points"].ShouldBe(Fixes, "the phone's fixes matched the Takeout's");

        var refused = await Deletions.PreviewAsync(user, takeout, null, Cancel) ?? throw new ShouldAssertException("no preview");
        var overlap = refused.Overlapping.ShouldHaveSingleItem();
        (overlap.FileId, overlap.ImportId, overlap.SharedRecords, overlap.Rereadable).ShouldBe((phoneFile, phone, Fixes, false));
        overlap.Reason.ShouldNotBeNull().ShouldContain("keepOriginals");
        refused.Unrecoverable.ShouldHaveSingleItem();

        var upload = await KeepOriginalAsync(user, phone);
        var preview = await Deletions.PreviewAsync(user, takeout, null, Cancel) ?? throw new ShouldAssertException("no preview");
        preview.Overlapping.ShouldHaveSingleItem().Originals.ShouldBe(new[] { upload });
        preview.Records.ShouldBe(new Dictionary<string, long> { ["location_points"] = Fixes }, ignoreOrder: true);

        var deleted = await Deletions.DeleteAsync(user, preview, Cancel);
        deleted.Records.ShouldBe(preview.Records, ignoreOrder: true);
        var reread = await Re_read(user, preview);

        var after = await ImportDatabase.CountsAsync(user);
        after.ShouldBe(before, ignoreOrder: true, "every fix, visit and trip the phone export holds is stored again");
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1 AND coord_digits = 7", user))
            .ShouldBe(0, "the Takeout's E7 copies are gone; the phone's 6-decimal ones replace them");
        var rereadFile = await ImportDatabase.ScalarAsync<long>("SELECT file_id FROM imports.files WHERE import_id = $1", reread);
        var lineage = await new LineageReader(ImportDatabase.SiloLogin).OfFileAsync(user, rereadFile, Cancel) ?? throw new ShouldAssertException("no lineage");
        lineage.Edges.ShouldContain(new LineageEdge($"import:{reread}", "dataset:fixes:google.location.timeline-android", "stored", Fixes),
            string.Join("; ", lineage.Edges));

        var repeated = await Deletions.PreviewAsync(user, takeout, null, Cancel) ?? throw new ShouldAssertException("no preview");
        (repeated.Records.Count, repeated.Overlapping.Count).ShouldBe((0, 0), "nothing is left to delete or read again");
    }

    [Fact(Timeout = 300_000)]
    public async Task A_deletion_that_stopped_before_its_re_read_is_finished_by_running_it_again()
    {
        var user = ImportDatabase.NewUser("del-stopped");
        var takeout = await ImportAsync(user, "takeout.zip", "records");
        var phone = await ImportAsync(user, "phone.zip", "android");
        await KeepOriginalAsync(user, phone);
        var before = await ImportDatabase.CountsAsync(user);
        var first = await Deletions.PreviewAsync(user, takeout, null, Cancel) ?? throw new ShouldAssertException("no preview");
        await Deletions.DeleteAsync(user, first, Cancel);
        // The silo died here: the rows are gone, the phone export was not read again.

        var again = await Deletions.PreviewAsync(user, takeout, null, Cancel) ?? throw new ShouldAssertException("no preview");
        again.Records.ShouldBeEmpty("the rows went in the first run");
        again.Overlapping.ShouldHaveSingleItem("the phone export is still known to hold the deleted records").Rereadable.ShouldBeTrue();
        (await Deletions.DeleteAsync(user, again, Cancel)).Records.ShouldBeEmpty();
        await Re_read(user, again);

        (await ImportDatabase.CountsAsync(user)).ShouldBe(before, ignoreOrder: true, "the repeated deletion restored the phone export's copies");
    }

    [Fact(Timeout = 300_000)]
    public async Task Deleting_an_export_whose_records_were_all_stored_before_removes_nothing_of_the_other()
    {
        var user = ImportDatabase.NewUser("del-later");
        await ImportAsync(user, "takeout.zip", "records");
        var phone = await ImportAsync(user, "phone.zip", "android");
        var before = await ImportDatabase.CountsAsync(user);

        var preview = await Deletions.PreviewAsync(user, phone, null, Cancel) ?? throw new ShouldAssertException("no preview");
        preview.Records.ContainsKey("location_points").ShouldBeFalse("the phone's fixes matched the Takeout's, which stay stored from the Takeout");
        preview.Overlapping.ShouldBeEmpty("the phone's fixes did not replace the richer Takeout copies, so nothing of the Takeout is at risk");
        var deleted = await Deletions.DeleteAsync(user, preview, Cancel);

        var after = await ImportDatabase.CountsAsync(user);
        after["location_points"].ShouldBe(Fixes);
        foreach (var (kind, rows) in deleted.Records)
        {
            after.GetValueOrDefault(kind).ShouldBe(before[kind] - rows, kind);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task The_same_export_imported_again_and_skipped_as_unchanged_keeps_its_records_when_the_first_import_goes()
    {
        var user = ImportDatabase.NewUser("del-twice");
        var first = await ImportAsync(user, "phone.zip", "android");
        var again = await PipelineHarness.ImportAsync(user, [_temp.File("phone.zip")]);
        again.Totals.Files.Unchanged.ShouldBe(1, "the second import skips the same content");
        var before = await ImportDatabase.CountsAsync(user);

        var refused = await Deletions.PreviewAsync(user, first, null, Cancel) ?? throw new ShouldAssertException("no preview");
        var overlap = refused.Overlapping.ShouldHaveSingleItem("the unchanged copy holds every record of the first");
        (overlap.ImportId, overlap.SharedRecords, overlap.Rereadable).ShouldBe((again.ImportId, refused.Records.Values.Sum(), false));

        await KeepOriginalAsync(user, again.ImportId);
        var preview = await Deletions.PreviewAsync(user, first, null, Cancel) ?? throw new ShouldAssertException("no preview");
        preview.Overlapping.ShouldHaveSingleItem().Rereadable.ShouldBeTrue();
        await Deletions.DeleteAsync(user, preview, Cancel);
        await Re_read(user, preview);

        (await ImportDatabase.CountsAsync(user)).ShouldBe(before, ignoreOrder: true, "the copy imported again holds them all");
        var repeated = await Deletions.PreviewAsync(user, first, null, Cancel) ?? throw new ShouldAssertException("no preview");
        (repeated.Records.Count, repeated.Overlapping.Count).ShouldBe((0, 0), "nothing is left to delete or read again");
    }

    [Fact(Timeout = 300_000)]
    public async Task One_file_of_an_export_is_deleted_alone_and_a_file_of_the_same_export_holding_its_records_needs_the_loss_accepted()
    {
        var user = ImportDatabase.NewUser("del-one-file");
        var result = await PipelineHarness.ImportAsync(user, [ArchiveBuilder.Zip(_temp.File("takeout.zip"),
            [SameDayExports.Entry("records", 0, Fixes - 1), SameDayExports.Entry("android", 0, Fixes - 1)])]);
        result.Totals.Files.Imported.ShouldBe(2, result.Outcome.Message);
        var records = await ImportDatabase.ScalarAsync<long>("SELECT file_id FROM imports.files WHERE import_id = $1 AND path LIKE '%Records.json'", result.ImportId);
        var phone = await ImportDatabase.ScalarAsync<long>("SELECT file_id FROM imports.files WHERE import_id = $1 AND path = 'Timeline.json'", result.ImportId);
        var before = await ImportDatabase.CountsAsync(user);

        var preview = await Deletions.PreviewAsync(user, result.ImportId, records, Cancel) ?? throw new ShouldAssertException("no preview");
        preview.Files.ShouldHaveSingleItem().FileId.ShouldBe(records);
        preview.Records.ShouldBe(new Dictionary<string, long> { ["location_points"] = Fixes }, ignoreOrder: true);
        var overlap = preview.Overlapping.ShouldHaveSingleItem();
        (overlap.FileId, overlap.Rereadable).ShouldBe((phone, false));
        overlap.Reason.ShouldNotBeNull().ShouldContain("same export");

        await Deletions.DeleteAsync(user, preview, Cancel);

        var after = await ImportDatabase.CountsAsync(user);
        after["location_points"].ShouldBe(0, "with the loss accepted the phone's copies went with the Takeout's");
        after["place_visits"].ShouldBe(before["place_visits"], "what the other file stored itself stays");
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.files WHERE import_id = $1 AND deleted_at IS NOT NULL", result.ImportId))
            .ShouldBe(1, "only the one file is marked deleted");
    }

    /// <summary>What the user grain does after <see cref="ImportDeletions.DeleteAsync"/>: read the overlapping files again, then finish.</summary>
    private async Task<Guid> Re_read(string user, ImportDeletion preview)
    {
        var result = await PipelineHarness.ImportAsync(user, [_temp.File("phone.zip")]);
        result.Totals.Files.Unchanged.ShouldBe(0, "the overlapping file is parsed again, not skipped as unchanged");
        await Deletions.FinishAsync(user, [.. preview.Files.Select(file => file.FileId)], Cancel);
        return result.ImportId;
    }

    private async Task<Guid> ImportAsync(string user, string archive, string format)
    {
        var result = await PipelineHarness.ImportAsync(user, [ArchiveBuilder.Zip(_temp.File(archive), [SameDayExports.Entry(format, 0, Fixes - 1)])]);
        result.Totals.Files.Imported.ShouldBe(1, result.Outcome.Message);
        return result.ImportId;
    }

    /// <summary>An upload kept after <paramref name="importId"/> (keepOriginals), as the upload path leaves it.</summary>
    private static async Task<Guid> KeepOriginalAsync(string user, Guid importId)
    {
        var upload = Guid.NewGuid();
        await ImportDatabase.ScalarAsync<int>("""
            INSERT INTO imports.uploads (upload_id, user_id, length, received, file_name, completed_at, import_id) VALUES ($1, $2, 1, 1, 'phone.zip', now(), $3) RETURNING 1
            """, upload, user, importId);
        return upload;
    }

    private static async Task<long> EmbedEveryRecordAsync(string user)
    {
        var model = await ImportDatabase.ScalarAsync<short>("""
            WITH made AS (INSERT INTO vectors.embedding_models (name, dimensions) VALUES ('deletion-tests', 3) ON CONFLICT (name) DO NOTHING RETURNING model_id)
            SELECT model_id FROM made UNION ALL SELECT model_id FROM vectors.embedding_models WHERE name = 'deletion-tests' LIMIT 1
            """);
        return await ImportDatabase.ScalarAsync<long>("""
            WITH texts AS (INSERT INTO vectors.text_embeddings (user_id, model_id, kind, text_hash, embedding)
                SELECT DISTINCT user_id, $2::smallint, kind, '\x00'::bytea, '[1,2,3]'::vector FROM user_data.records WHERE user_id = $1),
            made AS (INSERT INTO vectors.record_embeddings (user_id, model_id, kind, identity, text_hash)
                SELECT user_id, $2, kind, identity, '\x00'::bytea FROM user_data.records WHERE user_id = $1 RETURNING 1)
            SELECT count(*) FROM made
            """, user, model);
    }

    public void Dispose() => _temp.Dispose();
}
