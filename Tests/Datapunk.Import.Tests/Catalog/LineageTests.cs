using Datapunk.Import.Tests.Reading;

namespace Datapunk.Import.Tests.Catalog;

/// <summary>Lineage both ways over a real import: a visit back to its file and import, a file forward to its datasets, and nothing of another person's.</summary>
public sealed class LineageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task A_record_leads_to_its_file_and_a_file_to_what_was_stored_from_it_for_its_owner_only()
    {
        var anna = ImportDatabase.NewUser("cat-l-a");
        var bernd = ImportDatabase.NewUser("cat-l-b");
        var import = await PipelineHarness.ImportAsync(anna, [ArchiveBuilder.Zip(_temp.File("a/takeout.zip"), ReadingExport.Entries("Anna"))]);
        await PipelineHarness.ImportAsync(bernd, [ArchiveBuilder.Zip(_temp.File("b/takeout.zip"), ReadingExport.Entries("Bernd"))]);
        var semantic = await ImportDatabase.ScalarAsync<long>("SELECT file_id FROM imports.files WHERE user_id = $1 AND path = $2", anna, ReadingExport.SemanticPath);
        var identity = await ImportDatabase.ScalarAsync<string>("SELECT identity FROM user_data.records WHERE user_id = $1 AND kind = 1 AND title = 'Museum Beta Anna'", anna);

        var back = await CatalogHarness.Lineage.OfRecordAsync(anna, $"place_visits:{identity}", Cancel) ?? throw new ShouldAssertException("Anna's visit has no lineage");
        back.Root.ShouldBe($"record:place_visits:{identity}");
        back.Nodes.Single(node => node.Id == $"file:{semantic}").Facts["path"].ShouldBe(ReadingExport.SemanticPath);
        back.Edges.ShouldContain(new LineageEdge($"file:{semantic}", $"import:{import.ImportId}", "read by", null));
        back.Edges.ShouldContain(new LineageEdge($"import:{import.ImportId}", back.Root, "stored", null));

        var fixes = await ImportDatabase.ScalarAsync<long>("SELECT file_id FROM imports.files WHERE user_id = $1 AND path LIKE '%Records.json'", anna);
        var forward = await CatalogHarness.Lineage.OfFileAsync(anna, fixes, Cancel) ?? throw new ShouldAssertException("Anna's Records.json has no lineage");
        forward.Edges.ShouldContain(new LineageEdge($"import:{import.ImportId}", "dataset:fixes:google.location.records", "stored", 6));
        var fix = await CatalogHarness.Lineage.OfRecordAsync(anna, "location_points:2019-05-03T10:02:00Z@48.1351,11.582", Cancel);
        fix.ShouldNotBeNull().Edges.ShouldContain(new LineageEdge($"file:{fixes}", $"import:{import.ImportId}", "read by", null));

        (await CatalogHarness.Lineage.OfFileAsync(bernd, fixes, Cancel)).ShouldBeNull("Bernd cannot follow Anna's file");
        (await CatalogHarness.Lineage.OfRecordAsync(bernd, $"place_visits:{identity}", Cancel)).ShouldBeNull("nor her visit");
    }

    public void Dispose() => _temp.Dispose();
}
