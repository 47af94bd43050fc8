using System.Text;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Import.Tests.Identity;

/// <summary>
/// The entry ledger where a file name says what the content describes: byte-identical Photos
/// sidecars at two names describe two media items and both import; at one name in two folders
/// (an album and a year folder) they describe one photo, and the second is unchanged.
/// </summary>
public sealed class PathAwareLedgerTests : IDisposable
{
    private const string Sidecar = """{"title":"DSC_0238.JPG","photoTakenTime":{"timestamp":"1577836800","formatted":"Jan 1, 2020"}}""";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Byte_identical_sidecars_of_two_media_items_both_import_and_an_album_copy_is_unchanged()
    {
        var user = ImportDatabase.NewUser("sidecars");
        var content = Encoding.UTF8.GetBytes(Sidecar);
        var first = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), ("Takeout/Google Photos/Photos from 2020/DSC_0238.JPG.json", content));
        var second = ArchiveBuilder.Zip(_temp.File("takeout-002.zip"),
            ("Takeout/Google Photos/Photos from 2020/DSC_0238.JPG(1).json", content),
            ("Takeout/Google Photos/Paris 2020/DSC_0238.JPG.json", content));

        var firstImport = await PipelineHarness.ImportAsync(user, [first]);
        var secondImport = await PipelineHarness.ImportAsync(user, [second]);

        firstImport.Outcome.End.ShouldBe(ImportRunEnd.Completed, firstImport.Outcome.Message);
        secondImport.Outcome.End.ShouldBe(ImportRunEnd.Completed, secondImport.Outcome.Message);
        secondImport.Totals.Files.Imported.ShouldBe(1, "DSC_0238.JPG(1).json describes DSC_0238(1).JPG, which was not imported before");
        secondImport.Totals.Files.Unchanged.ShouldBe(1, "the album's DSC_0238.JPG.json describes the DSC_0238.JPG imported before");
        secondImport.Inserted("photos").ShouldBe(1);
        (await ImportDatabase.ScalarAsync<string>(
                "SELECT string_agg(source->>'mediaPath', ' | ' ORDER BY source->>'mediaPath') FROM user_data.records WHERE user_id = $1", user))
            .ShouldBe("Takeout/Google Photos/Photos from 2020/DSC_0238(1).JPG | Takeout/Google Photos/Photos from 2020/DSC_0238.JPG");
        (await ImportDatabase.ScalarAsync<string>(
                "SELECT string_agg(path_key, ' | ' ORDER BY path_key) FROM imports.entry_ledger WHERE user_id = $1", user))
            .ShouldBe("DSC_0238.JPG(1).json | DSC_0238.JPG.json", "one ledger row per name for the same content");
    }

    [Fact]
    public async Task Importing_the_same_sidecars_again_finds_both_unchanged()
    {
        var user = ImportDatabase.NewUser("sidecars-again");
        var content = Encoding.UTF8.GetBytes(Sidecar);
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-003.zip"),
            ("Takeout/Google Photos/Photos from 2020/DSC_0238.JPG.json", content),
            ("Takeout/Google Photos/Photos from 2020/DSC_0238.JPG.supplemental-metadata(1).json", content));
        var first = await PipelineHarness.ImportAsync(user, [zip]);

        var again = await PipelineHarness.ImportAsync(user, [zip]);

        first.Totals.Files.Imported.ShouldBe(2);
        first.Inserted("photos").ShouldBe(2);
        again.Totals.Files.Unchanged.ShouldBe(2, "each name finds its own ledger row");
        again.Totals.Files.Imported.ShouldBe(0);
    }

    [Fact]
    public async Task Where_the_path_carries_no_meaning_the_same_content_under_another_name_is_unchanged()
    {
        var user = ImportDatabase.NewUser("ledger-plain");
        var content = LocationHistoryWriter.Bytes((0, 10));
        var first = ArchiveBuilder.Zip(_temp.File("takeout-004.zip"), ("Takeout/Location History/Records.json", content));
        var renamed = ArchiveBuilder.Zip(_temp.File("takeout-005.zip"), ("Takeout/Standortverlauf/Records (1).json", content));
        await PipelineHarness.ImportAsync(user, [first]);

        var again = await PipelineHarness.ImportAsync(user, [renamed]);

        again.Totals.Files.Unchanged.ShouldBe(1, "location records name their fixes in their content");
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.entry_ledger WHERE user_id = $1 AND path_key IS NULL", user))
            .ShouldBe(1);
    }

    public void Dispose() => _temp.Dispose();
}
