using Datapunk.Cortex.Places;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>The in-memory nearest-place search: exact on the sphere, across cell edges, the antimeridian and the poles.</summary>
public sealed class GazetteerGridTests
{
    [Fact]
    public void The_nearest_place_on_the_sphere_wins_over_one_nearer_in_degrees()
    {
        // At 60° north a degree of longitude is half a degree of latitude: 0.15° east is nearer than 0.1° north.
        var grid = new GazetteerGrid([(1, 60.1, 10.0), (2, 60.0, 10.15)]);

        var found = grid.Nearest(60.0, 10.0, 30_000).ShouldNotBeNull();

        found.PlaceId.ShouldBe(2);
        found.Metres.ShouldBe(8_340, tolerance: 5);
    }

    [Fact]
    public void Places_across_the_antimeridian_and_in_neighbouring_cells_are_found()
    {
        var grid = new GazetteerGrid([(7, -17.0, 179.95), (8, 51.249, 0.249), (9, 10.0, 20.0)]);

        grid.Nearest(-17.0, -179.95, 30_000).ShouldNotBeNull().PlaceId.ShouldBe(7, "0.1° across the date line is 10.6 km");
        grid.Nearest(51.251, 0.251, 1_000).ShouldNotBeNull().PlaceId.ShouldBe(8, "a place in the next cell, 270 m away");
    }

    [Fact]
    public void Nothing_farther_than_the_radius_is_found_and_ties_go_to_the_lower_id()
    {
        var grid = new GazetteerGrid([(5, 0.0, 0.1), (3, 0.0, -0.1), (4, 89.99, 0.0)]);

        grid.Nearest(0.0, 0.0, 11_200).ShouldNotBeNull().PlaceId.ShouldBe(3, "both are 11,119.5 m away");
        grid.Nearest(0.0, 0.0, 11_200).ShouldNotBeNull().Metres.ShouldBe(11_119.5, tolerance: 0.1);
        grid.Nearest(0.0, 0.0, 11_100).ShouldBeNull();
        grid.Nearest(89.99, 179.0, 3_000).ShouldNotBeNull().PlaceId.ShouldBe(4, "across the pole, 2.2 km away");
    }
}
