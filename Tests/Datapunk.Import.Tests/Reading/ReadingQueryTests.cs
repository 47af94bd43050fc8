using Datapunk.Lake.Reading;

namespace Datapunk.Import.Tests.Reading;

/// <summary>Every reading query is checked before it runs, with an error naming the parameter and what it takes.</summary>
public sealed class ReadingQueryTests
{
    private static readonly RecordsQuery Records = new([], null, null, null, null, 100, null);

    private static readonly TimelineQuery Timeline = new(new DateOnly(2019, 5, 1), new DateOnly(2019, 5, 31), "Europe/Berlin", 500, null);

    private static readonly DailyStatsQuery Stats = new("location_fixes", null, new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), "UTC");

    private static readonly MapQuery Map = new(new BoundingBox(13, 52, 14, 53), null, null, 5_000);

    private static void ShouldFail(QueryErrors errors, string parameter, string saying)
    {
        errors.ByParameter.Keys.ShouldBe([parameter]);
        errors.ByParameter[parameter].ShouldContain(message => message.Contains(saying, StringComparison.Ordinal), $"an error saying '{saying}'");
    }

    [Fact]
    public void Valid_queries_have_no_errors()
    {
        RecordsQueries.Check(Records).Any.ShouldBeFalse();
        RecordsQueries.Check(Records with { Kinds = ["emails", "place_visits"], Source = "spotify", Text = "x", Limit = 500 }).Any.ShouldBeFalse();
        TimelineQueries.Check(Timeline).Any.ShouldBeFalse("31 days");
        DailyStatsQueries.Check(Stats with { To = new DateOnly(2020, 1, 1) }).Any.ShouldBeFalse("366 days");
        MapQueries.Check(Map, ReadingLimits.MaxMapPoints).Any.ShouldBeFalse();
    }

    [Fact]
    public void Records_queries_name_what_is_wrong()
    {
        ShouldFail(RecordsQueries.Check(Records with { Kinds = ["visits"] }), "kind", "'visits' is not a record kind");
        ShouldFail(RecordsQueries.Check(Records with { Kinds = ["location_points"] }), "kind", "/api/v1/map/points");
        ShouldFail(RecordsQueries.Check(Records with { Limit = 0 }), "limit", "between 1 and 500");
        ShouldFail(RecordsQueries.Check(Records with { Limit = 501 }), "limit", "between 1 and 500");
        ShouldFail(RecordsQueries.Check(Records with { After = "not-a-cursor" }), "after", "not one this API issued");
        ShouldFail(RecordsQueries.Check(Records with { Source = "Spotify; DROP" }), "source", "not an export format");
        ShouldFail(RecordsQueries.Check(Records with { Text = "  " }), "q", "1 to 200 characters");
        ShouldFail(RecordsQueries.Check(Records with { From = DateTimeOffset.UnixEpoch, To = DateTimeOffset.UnixEpoch }), "to", "must be later");
    }

    [Fact]
    public void A_cursor_round_trips_and_one_of_another_shape_is_refused()
    {
        var cursor = new PageCursor(new DateTime(2019, 5, 3, 18, 0, 0, DateTimeKind.Utc), 13, "h2:abc|def");
        var errors = new QueryErrors();

        PageCursor.Decode(cursor.Encode(), errors).ShouldBe(cursor);
        PageCursor.Decode(new PageCursor(null, 10, "x").Encode(), errors).ShouldBe(new PageCursor(null, 10, "x"));
        errors.Any.ShouldBeFalse();
        ShouldFail(RecordsQueries.Check(Records with { After = Base64Url("2|1|13|x") }), "after", "not one this API issued");
        ShouldFail(RecordsQueries.Check(Records with { After = Base64Url("1|soon|13|x") }), "after", "not one this API issued");
        ShouldFail(RecordsQueries.Check(Records with { After = Base64Url("1|1|kind|x") }), "after", "not one this API issued");
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Timeline_and_stats_queries_bound_their_days_and_know_their_zones()
    {
        ShouldFail(TimelineQueries.Check(Timeline with { To = new DateOnly(2019, 6, 1) }), "to", "spans 32 days; at most 31");
        ShouldFail(TimelineQueries.Check(Timeline with { To = new DateOnly(2019, 4, 30) }), "to", "before the first");
        ShouldFail(TimelineQueries.Check(Timeline with { TimeZone = "Berlin" }), "tz", "not an IANA time zone id");
        ShouldFail(DailyStatsQueries.Check(Stats with { To = new DateOnly(2020, 1, 2) }), "to", "at most 366");
        ShouldFail(DailyStatsQueries.Check(Stats with { Metric = "heart_rate" }), "metric", "'heart_rate' is not a metric");
        ShouldFail(DailyStatsQueries.Check(Stats with { Metric = "records" }), "kind", "kind=");
        ShouldFail(DailyStatsQueries.Check(Stats with { Kind = "emails" }), "kind", "takes no kind");
    }

    [Fact]
    public void Map_queries_need_a_box_on_earth_that_does_not_cross_the_antimeridian()
    {
        ShouldFail(MapQueries.Check(Map with { Box = new BoundingBox(170, -10, -170, 10) }, ReadingLimits.MaxMapPoints), "bbox", "antimeridian");
        ShouldFail(MapQueries.Check(Map with { Box = new BoundingBox(0, 95, 1, 96) }, ReadingLimits.MaxMapPoints), "bbox", "within -90 and 90");
        ShouldFail(MapQueries.Check(Map with { Box = new BoundingBox(0, 10, 1, 5) }, ReadingLimits.MaxMapPoints), "bbox", "south edge is north");
        ShouldFail(MapQueries.Check(Map with { Limit = 50_001 }, ReadingLimits.MaxMapPoints), "limit", "between 1 and 50000");
    }
}
