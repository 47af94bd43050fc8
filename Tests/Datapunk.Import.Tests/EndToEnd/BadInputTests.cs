using System.Text;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>Broken, hostile and odd inputs: each fails alone, with a message that names it, and the rest imports.</summary>
[Collection(SiloCollection.Name)]
public sealed class BadInputTests(SiloFixture silo) : IDisposable
{
    private const string RecordsPath = "Takeout/Location History (Timeline)/Records.json";
    private const string OldRecordsPath = "Takeout/Location History/Records.json";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_truncated_part_fails_alone_and_the_other_parts_import()
    {
        var user = ImportDatabase.NewUser("truncated");
        var good = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 2_000))));
        var broken = ArchiveBuilder.Zip(_temp.File("takeout-002.zip"), (OldRecordsPath, LocationHistoryWriter.Bytes((5_000, 2_000))));
        ZipSurgery.Truncate(broken, 0.5);

        var report = await ImportRunner.ImportAsync(silo, user, good, broken);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(2_000);
        report.Files.Failed.ShouldBe(1);
        var error = report.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("takeout-002.zip!");
        error.Message.ShouldContain("takeout-002.zip");
        error.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task A_truncated_tgz_keeps_the_entries_before_the_cut_and_reports_the_part()
    {
        var user = ImportDatabase.NewUser("truncatedtgz");
        var random = new byte[2 << 20];
        new Random(11).NextBytes(random);
        var tgz = ArchiveBuilder.TarGz(_temp.File("takeout-001.tgz"),
            (RecordsPath, LocationHistoryWriter.Bytes((0, 1_000))),
            ("Takeout/Drive/noise.bin", random));
        ZipSurgery.Truncate(tgz, 0.8);

        var report = await ImportRunner.ImportAsync(silo, user, tgz);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(1_000);
        report.Errors.ShouldNotBeEmpty();
        report.Errors.ShouldAllBe(error => error.File.StartsWith("takeout-001.tgz!"));
    }

    [Fact]
    public async Task A_corrupted_entry_fails_alone_and_the_entries_around_it_import()
    {
        var user = ImportDatabase.NewUser("corrupt");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            (RecordsPath, LocationHistoryWriter.Bytes((0, 1_500))),
            (OldRecordsPath, LocationHistoryWriter.Bytes((9_000, 1_500))));
        ZipSurgery.CorruptLastEntry(zip);

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(1_500);
        report.Files.ShouldBe(new ImportFileCounts(2, 1, 0, 1, 0, 0));
        var error = report.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe($"takeout-001.zip!{OldRecordsPath}");
        error.Message.ShouldContain(OldRecordsPath);
    }

    [Fact]
    public async Task A_zip_bomb_entry_is_stopped_and_the_rest_imports()
    {
        var user = ImportDatabase.NewUser("bomb");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), System.IO.Compression.CompressionLevel.SmallestSize,
            ("Takeout/Location History/Records.json", Encoding.UTF8.GetBytes("{\"locations\":[" + new string(' ', 64 << 20) + "]}")),
            (RecordsPath, LocationHistoryWriter.Bytes((0, 700))));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(700);
        var error = report.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("takeout-001.zip!Takeout/Location History/Records.json");
        error.Message.ShouldContain("zip bomb");
    }

    [Fact]
    public async Task Entries_with_parent_or_absolute_paths_are_rejected_unread()
    {
        var user = ImportDatabase.NewUser("paths");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            ("../../outside/Records.json", LocationHistoryWriter.Bytes((0, 10))),
            ("/etc/Records.json", LocationHistoryWriter.Bytes((10, 10))),
            (RecordsPath, LocationHistoryWriter.Bytes((100, 300))));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(300);
        report.Files.ShouldBe(new ImportFileCounts(3, 1, 0, 0, 0, 2));
        report.Errors.Select(error => error.File).ShouldBe(["takeout-001.zip!../../outside/Records.json", "takeout-001.zip!/etc/Records.json"], ignoreOrder: true);
        report.Errors.ShouldContain(error => error.Message.Contains("climbs out of the archive"));
        report.Errors.ShouldContain(error => error.Message.Contains("absolute path"));
    }

    [Fact]
    public async Task Invalid_JSON_fails_its_file_with_the_byte_offset_keeps_what_came_before_and_the_rest_imports()
    {
        var user = ImportDatabase.NewUser("badjson");
        var valid = Encoding.UTF8.GetString(LocationHistoryWriter.Bytes((0, 200)));
        var beforeError = valid[..^2] + ",{\"latitudeE7\": 1,";
        var broken = beforeError + ", \"longitudeE7\": 2}]}";
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            (OldRecordsPath, Encoding.UTF8.GetBytes(broken)),
            (RecordsPath, LocationHistoryWriter.Bytes((1_000, 400))));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(600, "the 200 fixes before the error are kept, and the other file's 400");
        report.Files.ShouldBe(new ImportFileCounts(2, 1, 0, 1, 0, 0));
        var error = report.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe($"takeout-001.zip!{OldRecordsPath}");
        error.Message.ShouldContain(OldRecordsPath);
        error.Message.ShouldContain($"at byte {Encoding.UTF8.GetByteCount(beforeError)})");
    }

    [Fact]
    public async Task UTF16_with_or_without_byte_order_mark_and_Windows1252_JSON_import_as_UTF8_would()
    {
        var user = ImportDatabase.NewUser("encodings");
        var utf8 = Encoding.UTF8.GetString(LocationHistoryWriter.Bytes((0, 100)));
        var latin = Encoding.UTF8.GetString(LocationHistoryWriter.Bytes((300, 100))).Replace("\"WIFI\"", "\"Café-WLAN\"", StringComparison.Ordinal);
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            ("Takeout/a/Records.json", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(utf8)]),
            ("Takeout/b/Records.json", Encoding.BigEndianUnicode.GetBytes(Encoding.UTF8.GetString(LocationHistoryWriter.Bytes((100, 100))))),
            ("Takeout/c/Records.json", LocationHistoryWriter.Bytes((200, 100))),
            ("Takeout/d/Records.json", Encoding.Latin1.GetBytes(latin)));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Errors.ShouldBeEmpty();
        report.Records["location_points"].ShouldBe(400);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1 AND source = 'Café-WLAN'", user))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Empty_files_hold_no_records_and_fail_nothing()
    {
        var user = ImportDatabase.NewUser("empty");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            (OldRecordsPath, []),
            ("Takeout/Drive/notes.txt", []),
            (RecordsPath, LocationHistoryWriter.Bytes((0, 50))));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(50);
        report.Files.ShouldBe(new ImportFileCounts(3, 2, 1, 0, 0, 0));
        report.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_Takeout_with_only_location_Settings_json_completes_with_no_records()
    {
        var user = ImportDatabase.NewUser("settings");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), ("Takeout/Location History (Timeline)/Settings.json", Encoding.UTF8.GetBytes(
            """{"createdTime":"2015-03-01T10:00:00.000Z","modifiedTime":"2024-05-01T10:00:00.000Z","historyEnabled":true,"deviceSettings":[{"deviceTag":1,"reportingEnabled":true,"devicePrettyName":"Pixel"}],"retentionWindowDays":540}""")));

        var report = await ImportRunner.ImportAsync(silo, user, zip);

        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Files.ShouldBe(new ImportFileCounts(1, 1, 0, 0, 0, 0));
        report.Records.Values.Sum().ShouldBe(0);
        report.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_files_are_listed_as_skipped_with_their_path()
    {
        var user = ImportDatabase.NewUser("unknown");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"),
            ("Takeout/Drive/holiday.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]),
            ("Takeout/archive_browser.html", Encoding.UTF8.GetBytes("<html><body>Takeout</body></html>")),
            (RecordsPath, LocationHistoryWriter.Bytes((0, 20))));

        var report = await ImportRunner.ImportAsync(silo, user, zip);
        using var client = await silo.NewClientAsync(user);
        var skipped = await client.GetImportFilesAsync(report.ImportId, "skipped", cancellationToken: TestContext.Current.CancellationToken);

        report.Files.Skipped.ShouldBe(2);
        skipped.Select(file => file.File).ShouldBe(["takeout-001.zip!Takeout/Drive/holiday.jpg", "takeout-001.zip!Takeout/archive_browser.html"]);
        skipped.ShouldAllBe(file => file.Message!.Contains("No reader recognises"));
    }

    public void Dispose() => _temp.Dispose();
}
