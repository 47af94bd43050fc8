using System.Text;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Import.Tests.Identity;

/// <summary>Records that share a time but are different things stay apart, in one file and across files.</summary>
public sealed class DifferentThingsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Visits_and_segments_that_start_together_at_different_places_stay_separate()
    {
        var user = ImportDatabase.NewUser("same-start");
        const string month = """
            {"timelineObjects":[
              {"placeVisit":{"location":{"latitudeE7":473700000,"longitudeE7":85400000,"placeId":"ChIJCafe"},
                "duration":{"startTimestamp":"2024-03-03T12:00:00.000Z","endTimestamp":"2024-03-03T13:00:00.000Z"}}},
              {"placeVisit":{"location":{"latitudeE7":473800000,"longitudeE7":85500000,"placeId":"ChIJOffice"},
                "duration":{"startTimestamp":"2024-03-03T12:00:00.000Z","endTimestamp":"2024-03-03T13:00:00.000Z"}}},
              {"activitySegment":{"startLocation":{"latitudeE7":473700000,"longitudeE7":85400000},
                "duration":{"startTimestamp":"2024-03-03T13:00:00.000Z","endTimestamp":"2024-03-03T13:20:00.000Z"},"activityType":"WALKING"}},
              {"activitySegment":{"startLocation":{"latitudeE7":473800000,"longitudeE7":85500000},
                "duration":{"startTimestamp":"2024-03-03T13:00:00.000Z","endTimestamp":"2024-03-03T13:45:00.000Z"},"activityType":"IN_BUS"}}
            ]}
            """;
        var archive = ArchiveBuilder.Zip(_temp.File("takeout.zip"),
            ("Takeout/Location History (Timeline)/Semantic Location History/2024/2024_MARCH.json", Encoding.UTF8.GetBytes(month)));

        var result = await PipelineHarness.ImportAsync(user, [archive]);

        result.Outcome.End.ShouldBe(ImportRunEnd.Completed, result.Outcome.Message);
        result.Inserted("place_visits").ShouldBe(2, "two places, one start");
        result.Inserted("activity_segments").ShouldBe(2, "two trips from one moment, ending apart");
        result.Totals.Duplicates.ShouldBe(0);
    }

    [Fact]
    public async Task Fixes_of_two_devices_at_one_moment_stay_apart_and_a_copy_that_names_no_device_matches_one_of_them()
    {
        var user = ImportDatabase.NewUser("two-devices");
        const string records = """
            {"locations":[
              {"latitudeE7":473700000,"longitudeE7":85400000,"accuracy":5,"deviceTag":11,"timestamp":"2024-03-03T10:00:00.123Z"},
              {"latitudeE7":473700000,"longitudeE7":85400000,"accuracy":9,"deviceTag":22,"timestamp":"2024-03-03T10:00:00.123Z"}
            ]}
            """;
        const string legacy = """{"locations":[{"timestampMs":"1709460000123","latitudeE7":473700000,"longitudeE7":85400000}]}""";
        var archive = ArchiveBuilder.Zip(_temp.File("takeout.zip"),
            ("Takeout/Location History (Timeline)/Records.json", Encoding.UTF8.GetBytes(records)),
            ("Takeout/Location History/Location History.json", Encoding.UTF8.GetBytes(legacy)));

        var result = await PipelineHarness.ImportAsync(user, [archive]);

        result.Outcome.End.ShouldBe(ImportRunEnd.Completed, result.Outcome.Message);
        result.Inserted("location_points").ShouldBe(2);
        result.Totals.Duplicates.ShouldBe(1);
        (await ImportDatabase.ScalarAsync<string>(
                "SELECT string_agg(device::text || ':' || accuracy_m, ',' ORDER BY device) FROM timeseries.location_points WHERE user_id = $1", user))
            .ShouldBe("11:5,22:9");
    }

    public void Dispose() => _temp.Dispose();
}
