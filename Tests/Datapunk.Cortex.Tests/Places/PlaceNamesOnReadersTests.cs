using Datapunk.Lake;
using static Datapunk.Cortex.Tests.Places.TravellerData;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>Map places and timeline entries carry the nearest town; a name the export gave wins.</summary>
public sealed class PlaceNamesOnReadersTests
{
    [Fact]
    public async Task A_place_the_export_did_not_name_is_named_after_the_nearest_town_and_a_named_one_keeps_its_name()
    {
        var data = await CreateAsync("map", located => located
            .Record(RecordKind.PlaceVisit, "unnamed-1", Utc(2024, 5, 1, 10), null, NewYork)
            .Record(RecordKind.PlaceVisit, "unnamed-2", Utc(2024, 5, 2, 10), null, NewYork)
            .Record(RecordKind.PlaceVisit, "named", Utc(2024, 5, 3, 10), "Central Perk", (40.7200, -74.0000)));

        var places = await data.MapPlaces.ReadAsync(
            data.UserId, new MapQuery(new BoundingBox(-75, 40, -73, 41), null, null, 10), TestContext.Current.CancellationToken);

        places.Places.Select(place => place.Name).ShouldBe(["New York City", "Central Perk"]);
        places.Places.Select(place => place.Near?.Country).ShouldBe(["US", "US"]);
        places.Places[1].Near.ShouldNotBeNull().Name.ShouldBe("Chinatown", "GeoNames lists New York's neighbourhoods too");
    }

    [Fact]
    public async Task A_timeline_record_with_a_position_carries_the_nearest_town()
    {
        var data = await CreateAsync("entry", located => located
            .Record(RecordKind.Photo, "photo", Utc(2024, 5, 1, 10), "IMG_0001.jpg", Berlin));

        var entries = await data.DaysAsync(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 1), "Europe/Berlin");

        var near = entries.Single().Near.ShouldNotBeNull();
        near.Name.ShouldBe("Berlin");
        near.Country.ShouldBe("DE");
        near.TimeZone.ShouldBe("Europe/Berlin");
    }
}
