namespace Datapunk.Forge.Tests.Anomalies;

/// <summary>Unusual days of the made-up person, against their own rolling baseline, with the reasons in words.</summary>
public sealed class UnusualDaysTests(TrainedPerson trained) : IClassFixture<TrainedPerson>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_day_of_the_long_hike_is_flagged_and_says_why()
    {
        var from = SyntheticPerson.FirstDay;
        var anomalies = await trained.Models.Anomalies.ListAsync(trained.UserId, from, from.AddDays(trained.Person.Weeks * 7 - 1), Cancellation);

        anomalies.Version.ShouldNotBeNull();
        anomalies.TimeZone.ShouldBe(SyntheticPerson.TimeZone);
        var flagged = string.Join("\n", anomalies.Days.Select(day => $"{day.Date}: {string.Join("; ", day.Reasons.Select(reason => reason.Text))}"));
        var hike = anomalies.Days.SingleOrDefault(day => day.Date == trained.Person.HikeDay).ShouldNotBeNull($"the hike on {trained.Person.HikeDay} is flagged; flagged:\n{flagged}");
        var reason = hike.Reasons.ShouldHaveSingleItem(flagged);
        reason.Feature.ShouldBe("distance_km");
        reason.Value.ShouldBeInRange(24, 26, "24 km walked, and the day's few metres of noise");
        reason.Text.ShouldStartWith("travelled 2", customMessage: reason.Text);
        reason.Text.ShouldContain("× your usual", customMessage: reason.Text);
        reason.Score.ShouldBeGreaterThan(3.5);
        hike.Features["distance_km"].ShouldBe(reason.Value);
    }

    [Fact]
    public async Task Only_the_hike_and_the_trips_travel_days_are_unusual()
    {
        var from = SyntheticPerson.FirstDay;
        var anomalies = await trained.Models.Anomalies.ListAsync(trained.UserId, from, from.AddDays(trained.Person.Weeks * 7 - 1), Cancellation);

        anomalies.Days.Select(day => day.Date).ShouldBe(
            [trained.Person.TripStart, trained.Person.TripStart.AddDays(2), trained.Person.HikeDay],
            string.Join("\n", anomalies.Days.Select(day => $"{day.Date}: {string.Join("; ", day.Reasons.Select(reason => reason.Text))}")));
    }
}
