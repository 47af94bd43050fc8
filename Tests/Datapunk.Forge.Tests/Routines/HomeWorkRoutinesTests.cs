using Datapunk.Forge.Tests.Places;

namespace Datapunk.Forge.Tests.Routines;

/// <summary>Home, work and routines from the made-up person's places, in Berlin's time.</summary>
public sealed class HomeWorkRoutinesTests(TrainedPerson trained) : IClassFixture<TrainedPerson>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_is_where_the_nights_are_and_work_where_the_weekdays_are_with_their_confidence()
    {
        var places = await trained.Models.Places.ListAsync(trained.UserId, Cancellation);
        var routines = await trained.Models.Routines.ReadAsync(trained.UserId, Cancellation);

        routines.Version.ShouldNotBeNull();
        routines.TimeZone.ShouldBe(SyntheticPerson.TimeZone);
        var home = routines.Home.ShouldNotBeNull("a home is found");
        home.PlaceId.ShouldBe(SignificantPlacesTests.At(places, SyntheticPerson.Home).PlaceId);
        home.Confidence.ShouldBeGreaterThan(0.95, "two nights of seventy were spent elsewhere: " + home.Evidence);
        home.Evidence.ShouldContain("of the night-time dwell");
        var work = routines.Work.ShouldNotBeNull("a workplace is found");
        work.PlaceId.ShouldBe(SignificantPlacesTests.At(places, SyntheticPerson.Work).PlaceId);
        work.Confidence.ShouldBeGreaterThan(0.9, work.Evidence);
    }

    [Fact]
    public async Task The_gym_on_Tuesday_and_Thursday_evenings_is_a_routine_and_nothing_else_is()
    {
        var routines = await trained.Models.Routines.ReadAsync(trained.UserId, Cancellation);

        routines.Routines.Select(routine => (routine.Weekday, routine.TypicalArrival, routine.Weeks, routine.OfWeeks))
            .ShouldBe([("Thursday", "18:00", 10, 10), ("Tuesday", "18:00", 10, 10)], ignoreOrder: true, string.Join("\n", routines.Routines.Select(routine => routine.Description)));
        routines.Routines.ShouldAllBe(routine => routine.Description.Contains("arriving around 18:00 (10 of 10 weeks)"));
    }
}
