using System.IO.Compression;
using System.Text.Json;
using Datapunk.Lake.Catalog.Pii;
using Datapunk.Lake.Formats.DatapunkExport;
using Datapunk.Users.Privacy;

namespace Datapunk.Users.Tests.Privacy;

/// <summary>
/// An export to share: the same files and rows as the full export, every personal identifier in text
/// (columns and strings inside jsonb) masked, and the manifest says so.
/// </summary>
public sealed class MaskedExportTests
{
    [Fact]
    public async Task A_masked_export_has_the_same_rows_and_no_identifiers_in_its_text()
    {
        using var folder = new TempFolder();
        var (original, copy) = (PrivacyDatabase.NewUser("masked-a"), PrivacyDatabase.NewUser("masked-b"));
        await FixtureImports.ImportAsync(original, FixtureImports.FixtureArchive(folder));
        var (full, masked) = (folder.File("full.zip"), folder.File("masked.zip"));
        ExportManifest fullManifest, maskedManifest;
        await using (var output = File.Create(full))
        {
            fullManifest = await UserDataExport.WriteAsync(PrivacyDatabase.DataSource, original, output, TestContext.Current.CancellationToken);
        }

        await using (var output = File.Create(masked))
        {
            maskedManifest = await UserDataExport.WriteAsync(PrivacyDatabase.DataSource, original, output, TestContext.Current.CancellationToken, masked: true);
        }

        maskedManifest.PiiMasked.ShouldBe(true);
        fullManifest.PiiMasked.ShouldBeNull();
        maskedManifest.Files.Select(file => (file.Path, file.Records)).ShouldBe(fullManifest.Files.Select(file => (file.Path, file.Records)));

        var fullMail = Entry(full, "records/emails.jsonl");
        var maskedMail = Entry(masked, "records/emails.jsonl");
        Kinds(fullMail).ShouldContain(PiiKind.Email, "the fixtures' mail names its senders and recipients");
        Kinds(maskedMail).ShouldNotContain(PiiKind.Email);
        maskedMail.ShouldContain("[email]");
        maskedMail.Split('\n').Skip(1).First(line => line.Length > 0).ShouldSatisfyAllConditions(
            line => JsonDocument.Parse(line).RootElement.GetProperty("source").ValueKind.ShouldBe(JsonValueKind.Object, "jsonb stays JSON"));
        Entry(masked, "records/location_points.jsonl").ShouldBe(Entry(full, "records/location_points.jsonl"), "fixes carry no text identifiers");

        var totals = await FixtureImports.ImportAsync(copy, masked);
        totals.Errors.ShouldBeEmpty("a masked export imports like any other");
        (await PrivacyDatabase.CountsAsync(copy)).ShouldBe(await PrivacyDatabase.CountsAsync(original), ignoreOrder: true);
    }

    private static IReadOnlyList<PiiKind> Kinds(string text) => PiiScanner.Scan(text).Select(finding => finding.Kind).Distinct().ToList();

    private static string Entry(string zip, string path)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry(path).ShouldNotBeNull($"{path} is in the export").Open());
        return reader.ReadToEnd();
    }
}
