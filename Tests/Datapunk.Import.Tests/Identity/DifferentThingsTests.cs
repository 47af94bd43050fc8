using System.Text;
using Datapunk.Lake.Model;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Records_of_one_span_at_two_places_stay_two_and_a_phone_export_of_them_matches_each(bool oneImport)
    {
        var user = ImportDatabase.NewUser("same-span");
        const string month = """
            {"timelineObjects":[
              {"placeVisit":{"location":{"latitudeE7":473700000,"longitudeE7":85400000},
                "duration":{"startTimestamp":"2024-03-03T12:00:00.250Z","endTimestamp":"2024-03-03T13:00:00.500Z"}}},
              {"placeVisit":{"location":{"latitudeE7":474700000,"longitudeE7":85400000},
                "duration":{"startTimestamp":"2024-03-03T12:00:00.250Z","endTimestamp":"2024-03-03T13:00:00.500Z"}}},
              {"activitySegment":{"startLocation":{"latitudeE7":473700000,"longitudeE7":85400000},
                "duration":{"startTimestamp":"2024-03-03T13:00:00.500Z","endTimestamp":"2024-03-03T13:20:00.000Z"},"activityType":"WALKING"}},
              {"activitySegment":{"startLocation":{"latitudeE7":474700000,"longitudeE7":85400000},
                "duration":{"startTimestamp":"2024-03-03T13:00:00.500Z","endTimestamp":"2024-03-03T13:20:00.000Z"},"activityType":"IN_BUS"}}
            ]}
            """;
        const string phone = """
            {"semanticSegments":[
              {"startTime":"2024-03-03T14:00:00.000+02:00","endTime":"2024-03-03T15:00:00.000+02:00","visit":{"topCandidate":{"placeLocation":{"latLng":"47.470000°, 8.540000°"}}}},
              {"startTime":"2024-03-03T14:00:00.000+02:00","endTime":"2024-03-03T15:00:00.000+02:00","visit":{"topCandidate":{"placeLocation":{"latLng":"47.370000°, 8.540000°"}}}},
              {"startTime":"2024-03-03T15:00:00.000+02:00","endTime":"2024-03-03T15:20:00.000+02:00","activity":{"start":{"latLng":"47.470000°, 8.540000°"},"topCandidate":{"type":"IN_BUS"}}},
              {"startTime":"2024-03-03T15:00:00.000+02:00","endTime":"2024-03-03T15:20:00.000+02:00","activity":{"start":{"latLng":"47.370000°, 8.540000°"},"topCandidate":{"type":"WALKING"}}}
            ]}
            """;
        (string, byte[]) semantic = ("Takeout/Location History (Timeline)/Semantic Location History/2024/2024_MARCH.json", Encoding.UTF8.GetBytes(month));
        (string, byte[]) android = ("Timeline.json", Encoding.UTF8.GetBytes(phone));

        var results = oneImport
            ? [await PipelineHarness.ImportAsync(user, [ArchiveBuilder.Zip(_temp.File("both.zip"), semantic, android)])]
            : new[]
            {
                await PipelineHarness.ImportAsync(user, [ArchiveBuilder.Zip(_temp.File("takeout.zip"), semantic)]),
                await PipelineHarness.ImportAsync(user, [ArchiveBuilder.Zip(_temp.File("phone.zip"), android)]),
            };

        results.ShouldAllBe(result => result.Outcome.End == ImportRunEnd.Completed);
        results.Sum(result => result.Inserted("place_visits")).ShouldBe(2, "one span, two places 11 km apart");
        results.Sum(result => result.Inserted("activity_segments")).ShouldBe(2);
        results.Sum(result => result.Totals.Matched[MatchRule.CrossFormat]).ShouldBe(4, "the phone's copy of each, whichever place it lists first");
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM user_data.records WHERE user_id = $1", user)).ShouldBe(4);
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
