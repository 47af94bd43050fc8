using System.Diagnostics;

namespace Datapunk.Forge.Tests.Places;

/// <summary>
/// The figure docs/forge.md quotes: a year of a person's fixes (one a minute at rest, about 540,000)
/// trained by each model, with the time each took in the test's output. The bound is loose (a busy
/// two-core machine); the point is the figure and that a year trains in one piece.
/// </summary>
public sealed class YearOfFixesTests(ITestOutputHelper output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task A_year_of_fixes_trains_every_model_in_well_under_a_minute_each()
    {
        var models = await Models.StartAsync();
        var user = ForgeDatabase.NewUserId("year");
        var person = new SyntheticPerson(weeks: 52, stationaryMinutes: 1);
        await ForgeDatabase.InsertFixesAsync(user, person.Fixes(), Cancellation);

        foreach (var kind in ModelKinds.All)
        {
            var clock = Stopwatch.StartNew();
            var version = await models.TrainAsync(user, kind, Cancellation);
            var metrics = (await models.Registry.ListAsync(user, kind, Cancellation)).Single(candidate => candidate.Version == version).Metrics;
            output.WriteLine($"{kind}: {clock.Elapsed.TotalSeconds:0.0} s; {string.Join(", ", metrics.Select(metric => $"{metric.Key} {metric.Value:0.###}"))}");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"training {kind} on a year");
        }

        (await models.Places.ListAsync(user, Cancellation)).Places.Count.ShouldBe(5);
        var routines = await models.Routines.ReadAsync(user, Cancellation);
        routines.Routines.Select(routine => (routine.Weekday, routine.Weeks, routine.OfWeeks)).ShouldBe([("Thursday", 52, 52), ("Tuesday", 52, 52)], ignoreOrder: true);
        var anomalies = await models.Anomalies.ListAsync(user, SyntheticPerson.FirstDay, SyntheticPerson.FirstDay.AddDays(364), Cancellation);
        anomalies.Days.ShouldContain(day => day.Date == person.HikeDay);
    }
}
