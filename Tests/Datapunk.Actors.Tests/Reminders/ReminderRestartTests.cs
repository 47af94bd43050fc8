using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Reminders;

[Collection(RestartSiloCollection.Name)]
public sealed class ReminderRestartTests(SharedSiloFixture cluster)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ReminderSurvivesASiloRestartAndFiresWithoutACall()
    {
        var key = Guid.NewGuid();
        var subject = key.ToString();
        await cluster.Grains.GetGrain<IReminderGrain>(key)
            .StartReminderAsync("durable", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).Within("StartReminderAsync");

        await cluster.RestartAsync();
        var newSilo = cluster.Status.SiloId;
        await cluster.Probe.WaitUntilAsync(
            subject, events => events.Any(e => e.Kind == "reminder" && e.Origin == newSilo), $"a delivery of 'durable' on the new silo {newSilo}");

        cluster.Probe.EventsOf(subject, "reminder").Where(e => e.Origin == newSilo).ShouldAllBe(e => e.Detail == "durable");
        await cluster.Grains.GetGrain<IReminderGrain>(key).StopReminderAsync("durable").Within("StopReminderAsync");
    }
}
