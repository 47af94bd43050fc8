using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Timers;

[Collection(TimedSiloCollection.Name)]
public sealed class GrainTimerTests(SharedSiloFixture silo)
{
    private const int PeriodMilliseconds = 20;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task TimerFiresRepeatedly()
    {
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);

        await grain.StartTimerAsync("main", PeriodMilliseconds).Within("StartTimerAsync");
        await silo.Probe.WaitForAsync(key.ToString(), "tick", 5);

        var report = await grain.GetReportAsync().Within("GetReportAsync");
        report.Ticks.ShouldBeGreaterThanOrEqualTo(5);
        await grain.DeactivateAsync().Within("DeactivateAsync");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task TimerCallbacksNeverOverlapWithCalls()
    {
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimerAsync("main", periodMilliseconds: 5).Within("StartTimerAsync");

        // Three callers keep the activation busy with calls that await in the middle while the timer keeps coming due.
        async Task CallUntilTenTicksAsync()
        {
            while (silo.Probe.EventsOf(key.ToString(), "tick").Count < 10)
            {
                await grain.BusyAsync().Within("BusyAsync");
            }
        }

        await Task.WhenAll(CallUntilTenTicksAsync(), CallUntilTenTicksAsync(), CallUntilTenTicksAsync())
            .Within("ten timer ticks while calls keep the grain busy", TimeSpan.FromSeconds(20));
        var report = await grain.GetReportAsync().Within("GetReportAsync");

        report.Ticks.ShouldBeGreaterThanOrEqualTo(10);
        report.BusyCalls.ShouldBeGreaterThan(0);
        report.Overlaps.ShouldBe(0, "a timer callback is a turn of its own: it must neither start during a call nor let a call start during it");
        await grain.DeactivateAsync().Within("DeactivateAsync");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DisposedTimerNeverFiresAgain()
    {
        var key = Guid.NewGuid();
        var subject = key.ToString();
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimerAsync("main", PeriodMilliseconds).Within("StartTimerAsync(main)");
        await grain.StartTimerAsync("control", PeriodMilliseconds).Within("StartTimerAsync(control)");
        await silo.Probe.WaitForAsync(subject, "tick", 4);

        // The call that disposes the timer works a few periods first, so the timer comes due while it runs.
        await grain.StopTimerAsync("main", workMilliseconds: 5 * PeriodMilliseconds).Within("StopTimerAsync(main)");
        var controlTicksAtStop = ControlTicks(subject);
        await silo.Probe.WaitUntilAsync(
            subject, _ => ControlTicks(subject) >= controlTicksAtStop + 5, "five more ticks of the control timer");

        var ticksAfterStop = EventsAfter(subject, "stopped").Where(e => e is { Kind: "tick", Detail: "main" }).ToList();
        ticksAfterStop.ShouldBeEmpty("no callback of a timer may run after the call that disposed it returned");
        await grain.DeactivateAsync().Within("DeactivateAsync");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DeactivationStopsTheTimer()
    {
        var key = Guid.NewGuid();
        var controlKey = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);
        var control = silo.Grains.GetGrain<ITimerGrain>(controlKey);
        await grain.StartTimerAsync("main", PeriodMilliseconds).Within("StartTimerAsync on the grain");
        await control.StartTimerAsync("control", PeriodMilliseconds).Within("StartTimerAsync on the control grain");
        await silo.Probe.WaitForAsync(key.ToString(), "tick", 2);

        await grain.DeactivateAsync().Within("DeactivateAsync");
        await silo.Probe.WaitForAsync(key.ToString(), "deactivated", 1);
        var controlTicksAtDeactivation = silo.Probe.EventsOf(controlKey.ToString(), "tick").Count;
        await silo.Probe.WaitForAsync(controlKey.ToString(), "tick", controlTicksAtDeactivation + 5);

        EventsAfter(key.ToString(), "deactivated").ShouldBeEmpty("the timer of a deactivated activation must not fire again");
        await control.DeactivateAsync().Within("DeactivateAsync on the control grain");
    }

    private int ControlTicks(string subject) => silo.Probe.EventsOf(subject, "tick").Count(e => e.Detail == "control");

    private List<ProbeEvent> EventsAfter(string subject, string kind)
    {
        var events = silo.Probe.EventsOf(subject);
        var index = events.ToList().FindIndex(e => e.Kind == kind);
        index.ShouldBeGreaterThanOrEqualTo(0, $"'{kind}' should have been recorded");
        return [.. events.Skip(index + 1)];
    }
}
