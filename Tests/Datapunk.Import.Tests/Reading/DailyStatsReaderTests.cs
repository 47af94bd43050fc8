namespace Datapunk.Import.Tests.Reading;

/// <summary>Daily series against values worked out by hand from <see cref="ReadingExport"/>, in UTC and in Europe/Berlin.</summary>
public sealed class DailyStatsReaderTests
{
    private static async Task<double?[]> SeriesAsync(string metric, string zone, string? kind = null, int fromDay = 2, int toDay = 4)
    {
        await ReadingData.ReadyAsync();
        var series = await ReadingData.Stats.ReadAsync(
            ReadingData.A, new DailyStatsQuery(metric, kind, new DateOnly(2019, 5, fromDay), new DateOnly(2019, 5, toDay), zone), ReadingData.Cancel);
        series.Days.Select(day => day.Date.Day).ShouldBe(Enumerable.Range(fromDay, toDay - fromDay + 1), "every day of the range, in order");
        return [.. series.Days.Select(day => day.Value)];
    }

    [Fact]
    public async Task Listening_minutes_put_a_play_that_ends_at_22_30_UTC_on_the_next_Berlin_day()
    {
        (await SeriesAsync("listening_minutes", "UTC")).ShouldBe([0, 27, 0]);
        (await SeriesAsync("listening_minutes", "Europe/Berlin")).ShouldBe([0, 25, 2]);
    }

    [Fact]
    public async Task Location_fixes_and_distance_follow_the_local_day_and_leave_out_impossible_jumps()
    {
        (await SeriesAsync("location_fixes", "UTC")).ShouldBe([1, 5, 0]);
        (await SeriesAsync("location_fixes", "Europe/Berlin")).ShouldBe([0, 6, 0]);

        var utc = await SeriesAsync("distance_km", "UTC");
        utc[0].ShouldBeNull("no pair of fixes ends on the 2nd");
        utc[1].ShouldNotBeNull().ShouldBe(1.000756 + 0.994405, 0.00001, "north 1.000756 km, east 0.994405 km; the trip to Munich and back in two minutes is left out");
        utc[2].ShouldBeNull();
        (await SeriesAsync("distance_km", "Europe/Berlin"))[1].ShouldNotBeNull().ShouldBe(1.995161, 0.00001, "the 00:30 fix is where the 10:00 fix is");
    }

    [Fact]
    public async Task Places_visited_records_watches_and_steps()
    {
        (await SeriesAsync("places_visited", "UTC")).ShouldBe([1, 2, 1]);
        (await SeriesAsync("places_visited", "Europe/Berlin")).ShouldBe([0, 2, 1], "the café twice and the museum on the 3rd count as two places");
        (await SeriesAsync("records", "Europe/Berlin", kind: "place_visits")).ShouldBe([0, 3, 1]);
        (await SeriesAsync("youtube_watches", "UTC")).ShouldBe([0, 3, 0]);
        (await SeriesAsync("youtube_watches", "Europe/Berlin")).ShouldBe([0, 2, 1]);
        (await SeriesAsync("steps", "Pacific/Auckland")).ShouldBe([null, 4521, null], "Fit days are dates in any zone; the 4th has no step count");
    }

    [Fact]
    public async Task Every_listed_metric_can_be_computed()
    {
        foreach (var metric in Datapunk.Lake.Reading.StatsMetrics.List)
        {
            (await SeriesAsync(metric.Name, "America/New_York", metric.NeedsKind ? "emails" : null)).Length.ShouldBe(3, metric.Name);
        }
    }
}
