namespace Datapunk.Import.Tests.Catalog;

/// <summary>
/// Each quality dimension of a fixes dataset catches the defect seeded for it, and a clean dataset (recent fixes at a
/// walking pace, with a second source agreeing) scores 1.0 in every dimension.
/// </summary>
public sealed class FixQualityTests
{
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    [Fact(Timeout = 120_000)]
    public async Task A_clean_fixes_dataset_scores_one_in_every_dimension()
    {
        var user = ImportDatabase.NewUser("cat-q-clean");
        var file = await CatalogHarness.SeedFileAsync(user, "google.location.records", "Takeout/Location History/Records.json");
        var phone = await CatalogHarness.SeedFileAsync(user, "owntracks.recorder", "rec/2026-12.rec");
        for (var i = 0; i < 30; i++)
        {
            // 1.4 m/s along a meridian, one fix a minute; the phone's fix 5 s later, 10 m away.
            var time = Today.AddHours(-3).AddMinutes(i);
            await CatalogHarness.SeedFixAsync(user, file, time, 52.52 + (i * 84 / 111_200.0), 13.405);
            await CatalogHarness.SeedFixAsync(user, phone, time.AddSeconds(5), 52.52 + (i * 84 / 111_200.0) + (10 / 111_200.0), 13.405);
        }

        await CatalogHarness.RefreshAsync(user);
        var detail = await CatalogHarness.DatasetAsync(user, "fixes:google.location.records");

        foreach (var score in detail.Quality)
        {
            score.Score.ShouldBe(1.0, $"{score.Dimension}: {score.Measure}; failing {string.Join("; ", score.FailingRows.Select(row => $"{row.Id} {row.Reason}"))}");
            score.FailingRows.ShouldBeEmpty();
        }

        detail.Dimension("consistency").Checked.ShouldBe(30, "every fix has the phone's fix of the same moment beside it");
    }

    [Fact(Timeout = 120_000)]
    public async Task Each_dimension_catches_its_seeded_defect()
    {
        var user = ImportDatabase.NewUser("cat-q-bad");
        var file = await CatalogHarness.SeedFileAsync(user, "google.location.records", "Takeout/Location History/Records.json");
        var phone = await CatalogHarness.SeedFileAsync(user, "owntracks.recorder", "rec/2019-05.rec");
        var start = new DateTimeOffset(2019, 5, 3, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(i), 52.52 + (i * 84 / 111_200.0), 13.405);
        }

        await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(10), 52.53, 13.405, accuracy: null);                    // completeness
        await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(11), 52.53, 13.405, heading: 400);                     // validity
        await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(12), 48.1351, 11.5820);                                 // accuracy: 505 km in a minute
        await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(13), 48.1351, 11.5820, accuracy: 50_000);               // accuracy: radius outlier
        await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(13).AddMilliseconds(400), 48.1351001, 11.5820);         // uniqueness
        await CatalogHarness.SeedFixAsync(user, file, start.AddMinutes(14), 48.1351, 11.5820, latE7: 481351);                  // conformity: E7 in the wrong unit
        await CatalogHarness.SeedFixAsync(user, phone, start.AddMinutes(14).AddSeconds(10), 48.5, 11.5820);                     // consistency: 40 km off
        await CatalogHarness.SeedFixAsync(user, 987_654_321_000, start.AddMinutes(15), 48.1351, 11.5820);                      // integrity

        var catalog = await CatalogHarness.RefreshAsync(user);
        var detail = await CatalogHarness.DatasetAsync(user, "fixes:google.location.records");

        detail.Failing("completeness").ShouldBe("location_points:2019-05-03T10:10:00.000000Z@52.53,13.405: no accuracy radius");
        detail.Failing("validity").ShouldBe("location_points:2019-05-03T10:11:00.000000Z@52.53,13.405: heading 400");
        detail.Failing("accuracy").ShouldContain("location_points:2019-05-03T10:12:00.000000Z@48.1351,11.582: ");
        detail.Failing("accuracy").ShouldContain("m/s)");
        detail.Failing("accuracy").ShouldContain("accuracy radius 50000 m");
        detail.Failing("uniqueness").ShouldStartWith("location_points:2019-05-03T10:13:00.400000Z@48.1351001,11.582: near-duplicate");
        detail.Failing("conformity").ShouldStartWith("location_points:2019-05-03T10:14:00.000000Z@0.0481351,11.582: E7 coordinates");
        detail.Failing("consistency").ShouldStartWith("location_points:2019-05-03T10:14:00.000000Z");
        detail.Dimension("consistency").Checked.ShouldBe(1);
        detail.Dimension("consistency").Score.ShouldBe(0.0);
        detail.Dimension("timeliness").Score!.Value.ShouldBeLessThan(0.05, "fixes of 2019 from a monthly export");
        detail.Dimension("completeness").Score.ShouldBe(Math.Round(1 - (1 / 16.0), 4));

        var dangling = await CatalogHarness.DatasetAsync(user, "fixes:unresolved");
        dangling.Dimension("integrity").Score.ShouldBe(0.0);
        dangling.Dimension("integrity").FailingRows.ShouldHaveSingleItem().Reason.ShouldBe("source file 987654321000 does not exist");
        catalog.Datasets.Single(dataset => dataset.Id == "fixes:owntracks.recorder").Rows.ShouldBe(1);
    }
}
