namespace Datapunk.Import.Tests.Catalog;

/// <summary>Each quality dimension of a records dataset (place visits) catches the defect seeded for it.</summary>
public sealed class RecordQualityTests
{
    private const short PlaceVisits = 1;

    [Fact(Timeout = 120_000)]
    public async Task Each_dimension_of_place_visits_catches_its_seeded_defect()
    {
        var user = ImportDatabase.NewUser("cat-r");
        var semantic = await CatalogHarness.SeedFileAsync(user, "google.location.semantic", "Semantic Location History/2026/2026_DECEMBER.json");
        var edits = await CatalogHarness.SeedFileAsync(user, "google.location.timeline-edits", "Timeline Edits.json");
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-2), TimeSpan.Zero);
        var berlin = (52.52, 13.405);
        async Task Visit(string identity, int hour, string? title, (double, double)? position = null, int hours = 1, int seconds = 0) =>
            await CatalogHarness.SeedRecordAsync(user, semantic, PlaceVisits, identity, start.AddHours(hour).AddSeconds(seconds), start.AddHours(hour + hours).AddSeconds(seconds), title, null, position ?? berlin);

        await Visit("v-clean-1", 0, "Home");
        await Visit("v-clean-2", 2, "Cafe", (52.521, 13.406));
        await CatalogHarness.SeedRecordAsync(user, semantic, PlaceVisits, "v-no-end", start.AddHours(4), null, "Home", null, berlin);      // completeness
        await Visit("v-backwards", 6, "Home", hours: -1);                                                                                     // validity
        await Visit("v-munich", 7, "Marienplatz", (48.1372, 11.5756), seconds: -3590);                                                         // accuracy: 505 km in 10 s
        await Visit("v-mojibake", 9, "Caf\uFFFD Beta", (48.1372, 11.5756));                                                                   // conformity
        await Visit("v-twin", 9, "Caf\uFFFD Beta", (48.1372, 11.5756), seconds: 0);                                                           // uniqueness (same start, same title)
        await CatalogHarness.SeedRecordAsync(user, edits, PlaceVisits, "e-far", start.AddHours(9).AddSeconds(-20), start.AddHours(10), "Somewhere", null, (48.4, 11.5756)); // consistency
        await CatalogHarness.SeedRecordAsync(user, 987_654_321_001, PlaceVisits, "v-dangling", start.AddHours(12), start.AddHours(13), "Lost", null, berlin);

        await CatalogHarness.RefreshAsync(user);
        var detail = await CatalogHarness.DatasetAsync(user, "records:google.location.semantic:place_visits");

        detail.Failing("completeness").ShouldBe("place_visits:v-no-end: missing ended_at");
        detail.Failing("validity").ShouldBe("place_visits:v-backwards: ends before it starts");
        detail.Failing("accuracy").ShouldStartWith("place_visits:v-munich: ");
        detail.Failing("conformity").ShouldBe("place_visits:v-mojibake: replacement characters (wrong encoding); place_visits:v-twin: replacement characters (wrong encoding)");
        detail.Failing("uniqueness").ShouldBe("place_visits:v-twin: near-duplicate of the record 0.000 s before");
        detail.Failing("consistency").ShouldStartWith("place_visits:v-mojibake: 29");
        detail.Dimension("integrity").Score.ShouldBe(1.0);
        detail.Dimension("timeliness").Score.ShouldBe(1.0);
        (await CatalogHarness.DatasetAsync(user, "records:unresolved:place_visits")).Dimension("integrity").FailingRows.ShouldHaveSingleItem().Id.ShouldBe("place_visits:v-dangling");
    }
}
