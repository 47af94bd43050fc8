namespace Datapunk.Forge.Tests.Places;

/// <summary>The places model on ten weeks of a made-up person's fixes: the places it knows of, with the visits and dwell it spent there.</summary>
public sealed class SignificantPlacesTests(TrainedPerson trained) : IClassFixture<TrainedPerson>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_work_the_gym_and_the_trip_are_places_with_their_visits_and_dwell()
    {
        var places = await trained.Models.Places.ListAsync(trained.UserId, Cancellation);

        places.Version.ShouldNotBeNull("a version is served");
        var listing = string.Join("\n", places.Places.Select(place => $"{place.Position.Lat:0.0000},{place.Position.Lng:0.0000} visits {place.Visits} dwell {place.DwellSeconds / 3600.0:0.0} h"));
        places.Places.Count.ShouldBe(5, $"home, work, gym, hotel and museum, and nothing else:\n{listing}");
        var gym = At(places, SyntheticPerson.Gym);
        gym.Visits.ShouldBe(trained.Person.GymVisits, listing);
        (gym.DwellSeconds / 3600.0 / gym.Visits).ShouldBeInRange(1.4, 1.65, "an hour and a half a visit");
        var work = At(places, SyntheticPerson.Work);
        work.Visits.ShouldBe(trained.Person.WorkVisits, listing);
        (work.DwellSeconds / 3600.0 / work.Visits).ShouldBeInRange(8.9, 9.2, "nine hours a day");
        At(places, SyntheticPerson.Hotel).Visits.ShouldBe(2, "two stays at the hotel, either side of the museum");
        At(places, SyntheticPerson.Museum).Visits.ShouldBe(1);
        var home = At(places, SyntheticPerson.Home);
        places.Places[0].ShouldBe(home, "home has the most dwell and comes first");
        home.FirstVisit.ShouldBe(new DateTimeOffset(2023, 1, 1, 23, 0, 0, TimeSpan.Zero), "the first fix, at local midnight");
        places.Places.ShouldAllBe(place => place.NameSource == "none" && place.Name == null, "fixes alone name nothing and no gazetteer is registered");
    }

    [Fact]
    public async Task A_place_is_found_by_id_and_another_users_places_are_not_there()
    {
        var places = await trained.Models.Places.ListAsync(trained.UserId, Cancellation);
        var gym = At(places, SyntheticPerson.Gym);

        (await trained.Models.Places.GetAsync(trained.UserId, gym.PlaceId, Cancellation)).ShouldBe(gym);
        var stranger = ForgeDatabase.NewUserId("stranger");
        (await trained.Models.Places.GetAsync(stranger, gym.PlaceId, Cancellation)).ShouldBeNull("another user does not see this user's place");
        (await trained.Models.Places.ListAsync(stranger, Cancellation)).Places.ShouldBeEmpty();
        (await trained.Models.Places.RenameAsync(stranger, gym.PlaceId, "mine now", Cancellation)).ShouldBeNull("nor rename it");
        (await trained.Models.Places.GetAsync(trained.UserId, gym.PlaceId, Cancellation))!.Name.ShouldBeNull("the place is unchanged");
    }

    internal static SignificantPlace At(PlaceList places, GeoFix spot) =>
        places.Places.SingleOrDefault(place => Math.Abs(place.Position.Lat - spot.Lat) < 0.0005 && Math.Abs(place.Position.Lng - spot.Lng) < 0.0008)
        ?? throw new ShouldAssertException($"No place at {spot.Lat},{spot.Lng}; places: {string.Join("; ", places.Places.Select(place => $"{place.Position.Lat},{place.Position.Lng}"))}");
}
