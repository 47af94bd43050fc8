using Datapunk.Lake;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>Location history through the real silo: first import, re-import, an overlapping newer export, and the three input shapes.</summary>
[Collection(SiloCollection.Name)]
public sealed class LocationImportTests(SiloFixture silo) : IDisposable
{
    private const string RecordsPath = "Takeout/Location History (Timeline)/Records.json";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_zip_with_Records_json_stores_every_fix_once_and_reports_it()
    {
        var user = ImportDatabase.NewUser("zip");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-20240101-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 12_000), (100, 50))));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(12_000);
        report.Records.Where(pair => pair.Key != "location_points").ShouldAllBe(pair => pair.Value == 0);
        report.Records.Keys.ShouldBe(RecordKinds.All.Select(kind => kind.ToName()), ignoreOrder: true, "every kind of the contract is reported");
        report.Duplicates.ShouldBe(50, "fixes 100 to 149 appear twice");
        report.Matched.Keys.ShouldBe(["exact", "cross_format", "cross_source"], "every rule is reported");
        report.RejectedRecords.ShouldBeEmpty();
        report.Files.ShouldBe(new ImportFileCounts(1, 1, 0, 0, 0, 0));
        report.Errors.ShouldBeEmpty();
        report.PeakMemoryBytes.ShouldBeGreaterThan(0);
        (await ImportDatabase.CountsAsync(user)).ShouldBe(new Dictionary<string, long> { ["location_points"] = 12_000 });
    }

    [Fact]
    public async Task Importing_the_same_archive_again_inserts_nothing_and_reports_the_file_unchanged()
    {
        var user = ImportDatabase.NewUser("again");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 8_000))));
        await ImportRunner.ImportAsync(silo, user, zip);

        var again = await ImportRunner.ImportAsync(silo, user, zip);

        again.Status.ShouldBe(ImportState.Completed, again.Message);
        again.Records.Values.Sum().ShouldBe(0);
        again.Files.ShouldBe(new ImportFileCounts(1, 0, 0, 0, 1, 0));
        again.Duplicates.ShouldBe(8_000, "the unchanged entry's records count as duplicates");
        again.Matched.ShouldBe(new Dictionary<string, long> { ["exact"] = 8_000, ["cross_format"] = 0, ["cross_source"] = 0 }, "…matched exactly");
        (await ImportDatabase.CountsAsync(user))["location_points"].ShouldBe(8_000);
    }

    [Fact]
    public async Task An_overlapping_newer_export_inserts_only_the_new_fixes()
    {
        var user = ImportDatabase.NewUser("overlap");
        var older = ArchiveBuilder.Zip(_temp.File("older/takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 10_000))));
        var newer = ArchiveBuilder.Zip(_temp.File("newer/takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((6_000, 7_000))));
        await ImportRunner.ImportAsync(silo, user, older);

        var report = await ImportRunner.ImportAsync(silo, user, newer);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(3_000, "fixes 10,000 to 12,999 are new");
        report.Duplicates.ShouldBe(4_000, "fixes 6,000 to 9,999 were imported before");
        report.Files.Imported.ShouldBe(1);
        (await ImportDatabase.CountsAsync(user))["location_points"].ShouldBe(13_000);
    }

    [Fact]
    public async Task A_tgz_and_an_extracted_folder_import_like_a_zip()
    {
        var tgzUser = ImportDatabase.NewUser("tgz");
        var folderUser = ImportDatabase.NewUser("folder");
        var content = LocationHistoryWriter.Bytes((0, 6_000));
        var tgz = ArchiveBuilder.TarGz(_temp.File("takeout-001.tgz"), (RecordsPath, content));
        var folder = ArchiveBuilder.Folder(_temp.File("extracted/Takeout").Replace("/Takeout", "", StringComparison.Ordinal), (RecordsPath, content));

        var fromTgz = await ImportRunner.ImportAsync(silo, tgzUser, tgz);
        var fromFolder = await ImportRunner.ImportAsync(silo, folderUser, folder);

        fromTgz.Status.ShouldBe(ImportState.Completed, fromTgz.Message);
        fromFolder.Status.ShouldBe(ImportState.Completed, fromFolder.Message);
        fromTgz.Records["location_points"].ShouldBe(6_000);
        fromFolder.Records["location_points"].ShouldBe(6_000);
        (await ImportDatabase.LocationChecksumAsync(tgzUser)).ShouldBe(await ImportDatabase.LocationChecksumAsync(folderUser));
    }

    [Fact]
    public async Task A_zip64_archive_with_more_than_65535_entries_lists_every_one()
    {
        var user = ImportDatabase.NewUser("zip64");
        const int Photos = 70_000;
        var zip = _temp.File("takeout-001.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            for (var i = 0; i < Photos; i++)
            {
                using var photo = archive.CreateEntry($"Takeout/Google Photos/Album/IMG_{i:D5}.jpg", System.IO.Compression.CompressionLevel.NoCompression).Open();
                photo.Write([0xFF, 0xD8, 0xFF, 0xE0, (byte)i]);
            }

            using var records = archive.CreateEntry(RecordsPath).Open();
            LocationHistoryWriter.Write(records, 0, 1_000);
        }

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Files.ShouldBe(new ImportFileCounts(Photos + 1, 1, Photos, 0, 0, 0));
        report.Records["location_points"].ShouldBe(1_000);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.files WHERE import_id = $1 AND status = 'skipped'", report.ImportId))
            .ShouldBe(Photos);
    }

    public void Dispose() => _temp.Dispose();
}
