using Datapunk.Lake;
using static Datapunk.Cortex.Tests.Places.TravellerData;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>
/// A day is the day on the clock where the user was: the pass finds the zones from the user's fixes,
/// and the timeline and stats count days on them, the export's own offset first and the query's zone
/// only where nothing says where the user was.
/// </summary>
public sealed class LocalDaysTests
{
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_traveller_s_evening_in_New_York_is_on_New_York_s_day_not_on_the_profile_s()
    {
        var data = await CreateAsync("ny", located => located
            .Stay(Utc(2024, 5, 1), Utc(2024, 5, 3, 8), Berlin.Lat, Berlin.Lng, HalfHour)
            .Stay(Utc(2024, 5, 3, 17), Utc(2024, 5, 6), NewYork.Lat, NewYork.Lng, HalfHour)
            .Record(RecordKind.YoutubeWatch, "evening-video", Utc(2024, 5, 4, 2, 30), "A video watched in New York"));
        var pass = await data.RunPassAsync();

        var may3 = await data.DaysAsync(new DateOnly(2024, 5, 3), new DateOnly(2024, 5, 3), "Europe/Berlin");
        var may4 = await data.DaysAsync(new DateOnly(2024, 5, 4), new DateOnly(2024, 5, 4), "Europe/Berlin");

        pass.Spans.ShouldBe(2, "Berlin, then New York");
        var video = may3.SingleOrDefault(entry => entry.Id == "evening-video").ShouldNotBeNull("the video watched at 22:30 New York time belongs to 3 May");
        video.LocalAt.ShouldBe(new DateTimeOffset(2024, 5, 3, 22, 30, 0, TimeSpan.FromHours(-4)));
        may4.ShouldNotContain(entry => entry.Id == "evening-video", "on the profile's clock (Berlin) it would be 4 May, 04:30");
        var hours = may3.Where(entry => entry.Fixes is not null).ToList();
        hours[0].LocalAt.ShouldBe(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.FromHours(2)), "the day starts at midnight in Berlin");
        hours[^1].LocalAt.ShouldBe(new DateTimeOffset(2024, 5, 3, 23, 0, 0, TimeSpan.FromHours(-4)), "and ends at midnight in New York");
        hours.Count.ShouldBe(10 + 11, "Berlin 00:00-09:59 (fixes until 08:00 UTC), New York 13:00-23:59");
        hours[0].Near.ShouldNotBeNull().Name.ShouldBe("Berlin");
        hours[^1].Near.ShouldNotBeNull().Country.ShouldBe("US");

        var watches = await data.Stats.ReadAsync(
            data.UserId, new DailyStatsQuery("youtube_watches", null, new DateOnly(2024, 5, 3), new DateOnly(2024, 5, 4), "Europe/Berlin"), Cancel);
        watches.Days.Select(day => day.Value ?? -1).ShouldBe([1.0, 0.0], "stats count the video on New York's 3 May too");
    }

    [Fact]
    public async Task A_stay_s_end_keeps_its_zone_until_then_and_the_gap_to_the_next_place_splits_after_it()
    {
        // The evaluation's traveller: at home in Berlin until 23:59 (21:59 UTC), in a Lisbon hotel from midnight there (23:00 UTC).
        var data = await CreateAsync("stay-end", located => located
            .Record(RecordKind.PlaceVisit, "berlin-evening", Utc(2024, 10, 1, 19, 30), "Home", Berlin, endedAt: Utc(2024, 10, 1, 21, 59))
            .Record(RecordKind.PlaceVisit, "lisbon-night", Utc(2024, 10, 1, 23), "Hotel", Lisbon, endedAt: Utc(2024, 10, 2, 8))
            .Record(RecordKind.YoutubeWatch, "late-video", Utc(2024, 10, 1, 21, 45), "A video at home before the flight"));
        await data.RunPassAsync();

        var october1 = await data.DaysAsync(new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 1), "UTC");

        var video = october1.SingleOrDefault(entry => entry.Id == "late-video").ShouldNotBeNull("the video belongs to Berlin's 1 October");
        video.LocalAt.ShouldBe(new DateTimeOffset(2024, 10, 1, 23, 45, 0, TimeSpan.FromHours(2)), "at 21:45 UTC the user was still at home in Berlin");
    }

    [Fact]
    public async Task Across_the_date_line_one_local_day_holds_an_Auckland_morning_and_a_Honolulu_day()
    {
        var data = await CreateAsync("dateline", located => located
            .Stay(Utc(2024, 5, 8), Utc(2024, 5, 10), Auckland.Lat, Auckland.Lng, HalfHour)
            .Stay(Utc(2024, 5, 10, 10), Utc(2024, 5, 12), Honolulu.Lat, Honolulu.Lng, HalfHour)
            .Record(RecordKind.YoutubeWatch, "honolulu-video", Utc(2024, 5, 10, 13)));
        await data.RunPassAsync();

        var may10 = await data.DaysAsync(new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 10), "UTC");

        var hours = may10.Where(entry => entry.Fixes is not null).ToList();
        hours.Count.ShouldBe(12 + 24, "Auckland 00:00-11:59 (+12), then all of Honolulu's 10 May (-10)");
        hours[0].At.ShouldBe(new DateTimeOffset(Utc(2024, 5, 9, 12)));
        hours[0].LocalAt.Offset.ShouldBe(TimeSpan.FromHours(12));
        hours[^1].LocalAt.ShouldBe(new DateTimeOffset(2024, 5, 10, 23, 0, 0, TimeSpan.FromHours(-10)));
        may10.Single(entry => entry.Id == "honolulu-video").LocalAt.ShouldBe(new DateTimeOffset(2024, 5, 10, 3, 0, 0, TimeSpan.FromHours(-10)));
    }

    [Fact]
    public async Task Days_where_daylight_saving_changes_have_23_and_25_hours_on_the_zone_of_the_place_not_the_query_s()
    {
        var data = await CreateAsync("dst", located => located
            .Stay(Utc(2024, 3, 29), Utc(2024, 4, 2), Berlin.Lat, Berlin.Lng, TimeSpan.FromMinutes(20))
            .Stay(Utc(2024, 10, 25), Utc(2024, 10, 29), Berlin.Lat, Berlin.Lng, TimeSpan.FromMinutes(20)));
        await data.RunPassAsync();

        var spring = (await data.DaysAsync(new DateOnly(2024, 3, 31), new DateOnly(2024, 3, 31), "America/New_York")).Where(entry => entry.Fixes is not null).ToList();
        var autumn = (await data.DaysAsync(new DateOnly(2024, 10, 27), new DateOnly(2024, 10, 27), "America/New_York")).Where(entry => entry.Fixes is not null).ToList();

        spring.Count.ShouldBe(23);
        spring[0].LocalAt.ShouldBe(new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.FromHours(1)));
        spring[2].LocalAt.ShouldBe(new DateTimeOffset(2024, 3, 31, 3, 0, 0, TimeSpan.FromHours(2)), "02:00 does not exist that night");
        autumn.Count.ShouldBe(25);
        autumn[2].LocalAt.ShouldBe(new DateTimeOffset(2024, 10, 27, 2, 0, 0, TimeSpan.FromHours(2)));
        autumn[3].LocalAt.ShouldBe(new DateTimeOffset(2024, 10, 27, 2, 0, 0, TimeSpan.FromHours(1)), "02:00 happens twice");
    }

    [Fact]
    public async Task A_record_with_its_own_exported_offset_is_on_that_clock_whatever_the_fixes_say()
    {
        var data = await CreateAsync("offset", located => located
            .Stay(Utc(2024, 5, 5), Utc(2024, 5, 7), NewYork.Lat, NewYork.Lng, HalfHour)
            .Record(RecordKind.PlaceVisit, "ios-visit", Utc(2024, 5, 5, 16, 30), source: """
                {"startTime": "2024-05-06T01:30:00.000+09:00", "endTime": "2024-05-06T03:00:00.000+09:00", "visit": {"topCandidate": {"placeID": "tokyo"}}}
                """)
            .Record(RecordKind.PlaceVisit, "android-visit", Utc(2024, 5, 5, 16, 40), source: """
                {"startTime": "2024-05-05T16:40:00.000Z", "startTimeTimezoneUtcOffsetMinutes": 540, "visit": {"topCandidate": {"placeId": "tokyo"}}}
                """));
        await data.RunPassAsync();

        var may5 = await data.DaysAsync(new DateOnly(2024, 5, 5), new DateOnly(2024, 5, 5), "UTC");
        var may6 = await data.DaysAsync(new DateOnly(2024, 5, 6), new DateOnly(2024, 5, 6), "UTC");

        may5.ShouldNotContain(entry => entry.Kind == "place_visits", "on New York's clock they would be 5 May, 12:30 and 12:40");
        may6.Where(entry => entry.Kind == "place_visits").Select(entry => entry.LocalAt).ShouldBe([
            new DateTimeOffset(2024, 5, 6, 1, 30, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2024, 5, 6, 1, 40, 0, TimeSpan.FromHours(9))]);
    }

    [Fact]
    public async Task Without_located_data_the_query_s_zone_decides_as_before()
    {
        var data = await CreateAsync("nowhere", located => located
            .Record(RecordKind.YoutubeWatch, "late-video", Utc(2024, 5, 4, 2, 30)));
        var pass = await data.RunPassAsync();

        var may3 = await data.DaysAsync(new DateOnly(2024, 5, 3), new DateOnly(2024, 5, 3), "America/New_York");

        pass.Spans.ShouldBe(0);
        may3.Single().LocalAt.ShouldBe(new DateTimeOffset(2024, 5, 3, 22, 30, 0, TimeSpan.FromHours(-4)));
    }
}
