using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Reminders;

[Collection(TimedSiloCollection.Name)]
public sealed class ReminderTests(SharedSiloFixture silo)
{
    private static readonly TimeSpan Due = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task RegisteredReminderIsDeliveredRepeatedly()
    {
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IReminderGrain>(key);

        await grain.StartReminderAsync("r", Due, Period).Within("StartReminderAsync");
        await silo.Probe.WaitForAsync(key.ToString(), "reminder", 2);

        silo.Probe.EventsOf(key.ToString(), "reminder").ShouldAllBe(e => e.Detail == "r" && e.Origin == silo.Status.SiloId);
        (await grain.HasReminderAsync("r").Within("HasReminderAsync")).ShouldBeTrue();
        await grain.StopReminderAsync("r").Within("StopReminderAsync");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task UnregisteredReminderIsNotDeliveredAgain()
    {
        var key = Guid.NewGuid();
        var controlKey = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IReminderGrain>(key);
        var control = silo.Grains.GetGrain<IReminderGrain>(controlKey);
        await grain.StartReminderAsync("r", Due, Period).Within("StartReminderAsync");
        await control.StartReminderAsync("control", Due, Period).Within("StartReminderAsync on the control grain");

        // Unregister right after a delivery, so no delivery of the same reminder is already under way.
        await silo.Probe.WaitForAsync(key.ToString(), "reminder", 1);
        await grain.StopReminderAsync("r").Within("StopReminderAsync");
        var controlDeliveries = silo.Probe.EventsOf(controlKey.ToString(), "reminder").Count;
        await silo.Probe.WaitForAsync(controlKey.ToString(), "reminder", controlDeliveries + 2);

        (await grain.HasReminderAsync("r").Within("HasReminderAsync")).ShouldBeFalse();
        var events = silo.Probe.EventsOf(key.ToString());
        events.SkipWhile(e => e.Kind != "unregistered").Skip(1).Where(e => e.Kind == "reminder")
            .ShouldBeEmpty("an unregistered reminder must not be delivered again");
        await control.StopReminderAsync("control").Within("StopReminderAsync on the control grain");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ReminderPeriodBelowOneSecondIsRefused()
    {
        var grain = silo.Grains.GetGrain<IReminderGrain>(Guid.NewGuid());

        var refused = await Should.ThrowAsync<ArgumentOutOfRangeException>(
            grain.StartReminderAsync("fast", Due, TimeSpan.FromMilliseconds(500)).Within("StartReminderAsync"));

        refused.Message.ShouldContain("at least one second");
    }
}
