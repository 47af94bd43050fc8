namespace Datapunk.Import.Tests.Reading;

/// <summary>Fixes and places for a map: in the box and range, simplified within the limit, never another user's.</summary>
public sealed class MapReaderTests
{
    private static readonly BoundingBox Berlin = new(13.0, 52.0, 14.0, 53.0);

    private static readonly BoundingBox World = new(-180, -90, 180, 90);

    [Fact]
    public async Task Fixes_in_the_box_and_range_come_one_by_one_in_time_order_when_within_the_limit()
    {
        await ReadingData.ReadyAsync();

        var berlin = await ReadingData.MapPoints.ReadAsync(ReadingData.A, new MapQuery(Berlin, null, null, 5_000), ReadingData.Cancel);
        var world = await ReadingData.MapPoints.ReadAsync(ReadingData.A, new MapQuery(World, null, null, 5_000), ReadingData.Cancel);
        var twoMinutes = await ReadingData.MapPoints.ReadAsync(ReadingData.A, new MapQuery(
            World, new DateTimeOffset(2019, 5, 3, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 5, 3, 10, 2, 0, TimeSpan.Zero), 5_000), ReadingData.Cancel);

        berlin.Fixes.ShouldBe(5, "the Munich fix is outside the box");
        berlin.Simplification.ShouldBeNull();
        berlin.Points.Select(point => point.FirstAt).ShouldBeInOrder();
        berlin.Points.ShouldAllBe(point => point.Fixes == 1 && point.FirstAt == point.LastAt);
        berlin.Points[0].ShouldBe(new MapPoint(52.52, 13.405, 1, new DateTimeOffset(2019, 5, 2, 22, 30, 0, TimeSpan.Zero), new DateTimeOffset(2019, 5, 2, 22, 30, 0, TimeSpan.Zero)));
        world.Fixes.ShouldBe(6, "A's six fixes, none of B's");
        twoMinutes.Points.Select(point => point.Lat).ShouldBe([52.52, 52.529], "from is included, to is excluded");
    }

    [Fact]
    public async Task More_fixes_than_the_limit_become_at_most_limit_grid_points_that_account_for_every_fix()
    {
        var user = await ZurichFixes.UserAsync();

        foreach (var limit in new[] { 1, 7, 500, 19_999 })
        {
            var map = await ReadingData.MapPoints.ReadAsync(user, new MapQuery(World, null, null, limit), ReadingData.Cancel);

            map.Fixes.ShouldBe(20_000);
            map.Points.Count.ShouldBeLessThanOrEqualTo(limit, $"limit {limit}");
            map.Points.Sum(point => point.Fixes).ShouldBe(20_000, $"every fix is in one cell (limit {limit})");
            var grid = map.Simplification.ShouldNotBeNull();
            grid.Method.ShouldBe("grid");
            (grid.Columns * grid.Rows).ShouldBeLessThanOrEqualTo(limit);
        }

        var all = await ReadingData.MapPoints.ReadAsync(user, new MapQuery(World, null, null, 20_000), ReadingData.Cancel);
        all.Simplification.ShouldBeNull("20,000 fixes fit a limit of 20,000");
        all.Points.Count.ShouldBe(20_000);
    }

    [Fact]
    public async Task The_grid_is_laid_over_the_asked_box_so_a_closer_look_shows_more_detail()
    {
        var user = await ZurichFixes.UserAsync();
        var around = new BoundingBox(8.5, 47.3, 8.6, 47.4);

        var coarse = await ReadingData.MapPoints.ReadAsync(user, new MapQuery(World, null, null, 1_000), ReadingData.Cancel);
        var close = await ReadingData.MapPoints.ReadAsync(user, new MapQuery(around, null, null, 1_000), ReadingData.Cancel);

        coarse.Points.Count.ShouldBe(1, "all the fixes lie in one cell of a grid over the whole world");
        close.Points.Count.ShouldBeInRange(coarse.Points.Count + 1, 1_000);
        close.Points.Sum(point => point.Fixes).ShouldBe(20_000);
        close.Points.ShouldAllBe(point => point.Lat >= 47.3 && point.Lat <= 47.4 && point.Lng >= 8.5 && point.Lng <= 8.6);
    }

    [Fact]
    public async Task Places_are_grouped_by_place_id_else_by_name_and_position_with_visits_and_time()
    {
        await ReadingData.ReadyAsync();

        var places = await ReadingData.MapPlaces.ReadAsync(ReadingData.A, new MapQuery(Berlin, null, null, 500), ReadingData.Cancel);
        var east = await ReadingData.MapPlaces.ReadAsync(ReadingData.A, new MapQuery(Berlin with { MinLng = 13.36 }, null, null, 500), ReadingData.Cancel);
        var one = await ReadingData.MapPlaces.ReadAsync(ReadingData.A, new MapQuery(Berlin, null, null, 1), ReadingData.Cancel);

        places.Truncated.ShouldBeFalse();
        places.Places.Count.ShouldBe(3);
        var cafe = places.Places[0];
        cafe.ShouldBe(new VisitedPlace("P1-Anna", "Café Alpha Anna", new GeoPoint(52.52, 13.405), 2, 7_200,
            new DateTimeOffset(2019, 5, 2, 23, 30, 0, TimeSpan.Zero), new DateTimeOffset(2019, 5, 3, 11, 0, 0, TimeSpan.Zero)));
        places.Places.Single(place => place.Name == "Museum Beta Anna").TotalSeconds.ShouldBe(5_400);
        places.Places.Single(place => place.Name == "Park Gamma Anna").PlaceId.ShouldBeNull("the park's visit has no place id");
        east.Places.Select(place => place.Name).ShouldBe(["Café Alpha Anna", "Museum Beta Anna"], ignoreOrder: true, customMessage: "the park is west of 13.36");
        one.Places.ShouldHaveSingleItem().Name.ShouldBe("Café Alpha Anna");
        one.Truncated.ShouldBeTrue();
    }
}
