namespace Datapunk.Forge.Tests.Places;

/// <summary>The user's edits of places: applied at once, kept apart, and applied again to every version trained later.</summary>
public sealed class PlaceEditsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rename_merge_and_split_survive_retraining_and_keep_the_places_ids()
    {
        var (models, user) = await PersonAsync(weeks: 4);
        var first = await models.Places.ListAsync(user, Cancellation);
        var gym = SignificantPlacesTests.At(first, SyntheticPerson.Gym);
        var work = SignificantPlacesTests.At(first, SyntheticPerson.Work);
        var hotel = SignificantPlacesTests.At(first, SyntheticPerson.Hotel);
        var museum = SignificantPlacesTests.At(first, SyntheticPerson.Museum);
        var home = SignificantPlacesTests.At(first, SyntheticPerson.Home);

        (await models.Places.RenameAsync(user, gym.PlaceId, "Iron Temple", Cancellation))!.Name.ShouldBe("Iron Temple");
        var merged = (await models.Places.MergeAsync(user, hotel.PlaceId, museum.PlaceId, Cancellation)).ShouldNotBeNull();
        merged.Visits.ShouldBe(1, "the museum stay fills the gap between the hotel's two stays: the walks between are shorter than a visit gap, so the trip is one visit");
        merged.DwellSeconds.ShouldBe(hotel.DwellSeconds + museum.DwellSeconds);
        var split = (await models.Places.SplitAsync(user, work.PlaceId, new PlaceSplit(At: work.FirstVisit.AddDays(14)), Cancellation)).ShouldNotBeNull();
        split.Count.ShouldBe(2);
        split.Sum(place => place.Visits).ShouldBe(work.Visits);
        var edited = await models.Places.ListAsync(user, Cancellation);

        var version = await models.TrainAsync(user, ModelKinds.Places, Cancellation);
        var retrained = await models.Places.ListAsync(user, Cancellation);

        retrained.Version.ShouldBe(version);
        edited.Version.ShouldNotBe(version);
        retrained.Places.ShouldBe(edited.Places, ignoreOrder: true, "the new version is the old one with the same edits: same ids, names, visits, dwell");
        retrained.Places.Single(place => place.PlaceId == gym.PlaceId).NameSource.ShouldBe("user");
        retrained.Places.ShouldNotContain(place => place.PlaceId == museum.PlaceId, "the museum stays merged into the hotel");
        retrained.Places.Single(place => place.PlaceId == home.PlaceId).Visits.ShouldBe(home.Visits, "home was not edited and keeps its id");
    }

    [Fact]
    public async Task A_split_by_distance_separates_places_that_one_radius_joined()
    {
        var (models, user) = await PersonAsync(weeks: 2);
        // A second gym 120 m east: within the clustering radius of the first, so one place until split.
        var annex = new GeoFix(SyntheticPerson.Gym.Lat, SyntheticPerson.Gym.Lng + 0.00177);
        var saturday = new DateTimeOffset(SyntheticPerson.FirstDay.AddDays(5).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        await ForgeDatabase.InsertVisitAsync(user, "Gym annex", annex, saturday, saturday.AddHours(2), Cancellation);
        await models.TrainAsync(user, ModelKinds.Places, Cancellation);
        var joined = SignificantPlacesTests.At(await models.Places.ListAsync(user, Cancellation), new GeoFix(SyntheticPerson.Gym.Lat, SyntheticPerson.Gym.Lng + 0.0003));

        var parts = (await models.Places.SplitAsync(user, joined.PlaceId, new PlaceSplit(RadiusMetres: 50), Cancellation)).ShouldNotBeNull();

        parts.Count.ShouldBe(2);
        parts[0].PlaceId.ShouldBe(joined.PlaceId, "the part with the most dwell keeps the id");
        parts[0].Visits.ShouldBe(4);
        parts[1].Name.ShouldBe("Gym annex", "the new part takes the export's name of its visit");
        parts[1].Visits.ShouldBe(1);
    }

    [Fact]
    public async Task An_exports_own_name_for_a_visit_names_the_place()
    {
        var (models, user) = await PersonAsync(weeks: 2);
        var tuesday = new DateTimeOffset(SyntheticPerson.FirstDay.AddDays(1).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        await ForgeDatabase.InsertVisitAsync(user, "Fitness First", SyntheticPerson.Gym, tuesday, tuesday.AddMinutes(90), Cancellation);

        await models.TrainAsync(user, ModelKinds.Places, Cancellation);

        var gym = SignificantPlacesTests.At(await models.Places.ListAsync(user, Cancellation), SyntheticPerson.Gym);
        gym.Name.ShouldBe("Fitness First");
        gym.NameSource.ShouldBe("export");
        gym.Visits.ShouldBe(4, "the export's visit replaces the stay found in the fixes at the same time");
    }

    internal static async Task<(Models Models, string UserId)> PersonAsync(int weeks)
    {
        var models = await Models.StartAsync();
        var user = ForgeDatabase.NewUserId("edits");
        await ForgeDatabase.InsertFixesAsync(user, new SyntheticPerson(weeks).Fixes(), Cancellation);
        await models.TrainAsync(user, ModelKinds.Places, Cancellation);
        return (models, user);
    }
}
