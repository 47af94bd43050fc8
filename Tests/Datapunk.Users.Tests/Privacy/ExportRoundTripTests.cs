using System.IO.Compression;
using System.Text.Json;
using Datapunk.Lake.Formats.DatapunkExport;
using Datapunk.Users.Privacy;

namespace Datapunk.Users.Tests.Privacy;

/// <summary>
/// An export imported into another user reproduces the data: counts per kind and every column of
/// every row except the user id and the file it came from; and a damaged export is refused.
/// </summary>
public sealed class ExportRoundTripTests
{
    // Every column but user_id and file_id; positions as their exact binary form.
    private const string RecordRows = """
        SELECT kind, identity, occurred_at, ended_at, title, body, url, encode(ST_AsBinary(position), 'hex'), source::text
        FROM user_data.records WHERE user_id = $1 ORDER BY kind, identity
        """;

    private const string FixRows = """
        SELECT time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, coord_digits, time_digits, device,
               encode(ST_AsBinary(position), 'hex')
        FROM timeseries.location_points WHERE user_id = $1 ORDER BY time, lat_e7, lng_e7, device
        """;

    [Fact]
    public async Task An_export_imported_as_another_user_reproduces_every_row()
    {
        using var folder = new TempFolder();
        var (original, copy) = (PrivacyDatabase.NewUser("export-a"), PrivacyDatabase.NewUser("export-b"));
        await FixtureImports.ImportAsync(original, FixtureImports.FixtureArchive(folder));
        var counts = await PrivacyDatabase.CountsAsync(original);
        counts.Keys.Count.ShouldBeGreaterThanOrEqualTo(8, $"the fixtures should cover several kinds; stored: {Describe(counts)}");

        var exported = folder.File("export.zip");
        ExportManifest manifest;
        await using (var output = File.Create(exported))
        {
            manifest = await UserDataExport.WriteAsync(PrivacyDatabase.DataSource, original, output, TestContext.Current.CancellationToken);
        }

        manifest.User.ShouldBe(original);
        manifest.Files.Where(file => file.Content is DatapunkExportFormat.RecordsContent or DatapunkExportFormat.LocationPointsContent)
            .ToDictionary(file => file.Kind ?? file.Content, file => file.Records)
            .ShouldBe(counts, ignoreOrder: true, "the manifest counts every stored row of each kind");
        ManifestInArchive(exported).ShouldBe(JsonSerializer.Serialize(manifest, ExportManifest.Json));

        var totals = await FixtureImports.ImportAsync(copy, exported);
        totals.Errors.ShouldBeEmpty("the export's files all import");
        totals.Rejected.Total.ShouldBe(0, "no exported row is refused on import");

        (await PrivacyDatabase.CountsAsync(copy)).ShouldBe(counts, ignoreOrder: true, "the same rows of each kind");
        (await PrivacyDatabase.RowsAsync(RecordRows, copy)).ShouldBe(await PrivacyDatabase.RowsAsync(RecordRows, original), "the same records, column by column");
        (await PrivacyDatabase.RowsAsync(FixRows, copy)).ShouldBe(await PrivacyDatabase.RowsAsync(FixRows, original), "the same fixes, column by column");
    }

    [Fact]
    public async Task A_damaged_export_file_fails_with_the_reason()
    {
        using var folder = new TempFolder();
        var (original, copy) = (PrivacyDatabase.NewUser("damaged-a"), PrivacyDatabase.NewUser("damaged-b"));
        await FixtureImports.ImportAsync(original, FixtureImports.FixtureArchive(folder));
        var exported = folder.File("export.zip");
        await using (var output = File.Create(exported))
        {
            await UserDataExport.WriteAsync(PrivacyDatabase.DataSource, original, output, TestContext.Current.CancellationToken);
        }

        // A record's title changed inside the zip: the zip itself is valid, its content is not what was exported.
        using (var archive = ZipFile.Open(exported, ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("records/emails.jsonl").ShouldNotBeNull("the fixtures hold e-mails");
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            }

            entry.Delete();
            var lines = text.Split('\n');
            lines[1] = lines[1].Replace("\"title\":\"", "\"title\":\"X", StringComparison.Ordinal);
            await using var writer = new StreamWriter(archive.CreateEntry("records/emails.jsonl").Open());
            await writer.WriteAsync(string.Join('\n', lines));
        }

        var totals = await FixtureImports.ImportAsync(copy, exported);
        var error = totals.Errors.ShouldHaveSingleItem("only the changed file fails");
        error.File.ShouldEndWith("records/emails.jsonl");
        error.Message.ShouldContain("does not match its checksum");
        error.Message.ShouldContain("The export is damaged");
    }

    private static string ManifestInArchive(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry(DatapunkExportFormat.ManifestPath)!.Open());
        return reader.ReadToEnd();
    }

    private static string Describe(Dictionary<string, long> counts) => string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}"));
}
