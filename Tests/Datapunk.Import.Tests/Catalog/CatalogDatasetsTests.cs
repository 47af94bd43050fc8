using Datapunk.Import.Tests.Reading;

namespace Datapunk.Import.Tests.Catalog;

/// <summary>
/// The catalog of two people who imported the same kind of Takeout (<see cref="ReadingExport"/>, Bernd without his
/// Spotify history): one dataset per format and kind with the right rows and spans, schema from the records, each
/// person's catalog only their own; a second import updates the counts and adds a quality snapshot.
/// </summary>
public sealed class CatalogDatasetsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task Each_person_sees_their_own_datasets_with_their_counts_and_spans_and_a_new_import_updates_them()
    {
        var anna = ImportDatabase.NewUser("cat-a");
        var bernd = ImportDatabase.NewUser("cat-b");
        await PipelineHarness.ImportAsync(anna, [ArchiveBuilder.Zip(_temp.File("a/takeout.zip"), ReadingExport.Entries("Anna"))]);
        await PipelineHarness.ImportAsync(bernd, [ArchiveBuilder.Zip(_temp.File("b/takeout.zip"), [.. ReadingExport.Entries("Bernd").Where(entry => !entry.Name.StartsWith("Spotify", StringComparison.Ordinal))])]);

        var annas = await CatalogHarness.RefreshAsync(anna);
        var bernds = await CatalogHarness.RefreshAsync(bernd);

        var rows = annas.Datasets.ToDictionary(dataset => dataset.Id, dataset => dataset.Rows);
        rows.ShouldBe(new Dictionary<string, long>
        {
            ["fixes:google.location.records"] = 6,
            ["records:google.location.semantic:place_visits"] = 4,
            ["records:spotify.streaming-history:spotify_plays"] = ReadingExport.SameMinutePlays + 1,
            ["records:google.youtube.history:youtube_watches"] = 3,
            ["records:google.fit.daily-metrics:fit_days"] = 2,
            ["records:google.keep.note:keep_notes"] = 1,
        }, ignoreOrder: true, customMessage: string.Join(", ", annas.Datasets.Select(dataset => $"{dataset.Id}={dataset.Rows}")));
        bernds.Datasets.Select(dataset => dataset.Id).ShouldNotContain("records:spotify.streaming-history:spotify_plays");
        bernds.Datasets.Count.ShouldBe(5);
        annas.RefreshPending.ShouldBeFalse();
        annas.RefreshedAt.ShouldNotBeNull();

        var fixes = annas.Datasets.Single(dataset => dataset.Id == "fixes:google.location.records");
        (fixes.Zone, fixes.Origin, fixes.Kind, fixes.Files).ShouldBe(("silver", "import", "location_points", 1));
        fixes.FirstAt.ShouldBe(DateTimeOffset.Parse("2019-05-02T22:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        fixes.LastAt.ShouldBe(DateTimeOffset.Parse("2019-05-03T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        fixes.Quality.Keys.ShouldBe(["completeness", "validity", "accuracy", "consistency", "timeliness", "uniqueness", "integrity", "conformity"]);

        var visits = await CatalogHarness.DatasetAsync(anna, "records:google.location.semantic:place_visits");
        visits.Fields.Select(field => field.Name).ShouldContain("title");
        visits.Fields.Single(field => field.Name == "title").Examples.ShouldContain("Café Alpha Anna");
        visits.Fields.Single(field => field.Name == "position").Present.ShouldBe(4);
        visits.Versions.ShouldHaveSingleItem().Version.ShouldBe(1);
        visits.Sources.ShouldHaveSingleItem().Path.ShouldBe(ReadingExport.SemanticPath);
        (await CatalogHarness.Reader.GetAsync(bernd, "records:spotify.streaming-history:spotify_plays", Cancel)).ShouldBeNull("Bernd has no plays, and never sees Anna's");
        (await CatalogHarness.DatasetAsync(bernd, "records:google.location.semantic:place_visits")).Fields.Single(field => field.Name == "title").Examples
            .ShouldAllBe(example => example.Contains("Bernd"), "Bernd's examples are his own");

        var more = """[{"endTime":"2019-06-01 10:00","artistName":"A","trackName":"New one","msPlayed":1000},{"endTime":"2019-06-01 10:05","artistName":"A","trackName":"New two","msPlayed":1000}]""";
        await PipelineHarness.ImportAsync(anna, [ArchiveBuilder.Zip(_temp.File("a/takeout-2.zip"), ("Spotify/MyData/StreamingHistory_music_1.json", ArchiveBuilder.Text(more)))]);
        var after = await CatalogHarness.RefreshAsync(anna, "second import");
        var plays = after.Datasets.Single(dataset => dataset.Id == "records:spotify.streaming-history:spotify_plays");
        (plays.Rows, plays.Files).ShouldBe((ReadingExport.SameMinutePlays + 3L, 2));
        plays.LastAt!.Value.UtcDateTime.ShouldBe(new DateTime(2019, 6, 1, 10, 5, 0, DateTimeKind.Utc));
        (await CatalogHarness.DatasetAsync(anna, plays.Id)).Trend.Count.ShouldBe(2, "one quality snapshot per refresh");
    }

    public void Dispose() => _temp.Dispose();
}
