namespace Datapunk.TestGrains;

/// <summary>Runs named timers and reports each tick to the probe; counts turns that overlap another.</summary>
public sealed class TimerGrain(GrainProbe probe) : Grain, ITimerGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private readonly Dictionary<string, IGrainTimer> _timers = new(StringComparer.Ordinal);
    private int _inProgress;
    private int _overlaps;
    private int _ticks;
    private int _busyCalls;

    public Task StartTimerAsync(string name, int periodMilliseconds)
    {
        var period = TimeSpan.FromMilliseconds(periodMilliseconds);
        _timers[name] = RegisterGrainTimer(_ => OnTickAsync(name), period, period);
        return Task.CompletedTask;
    }

    public async Task StopTimerAsync(string name, int workMilliseconds)
    {
        // Other work first, so the timer comes due while this call holds the activation.
        await Task.Delay(workMilliseconds);
        if (_timers.Remove(name, out var timer))
        {
            timer.Dispose();
        }

        probe.Record(GetPrimaryKeyString(), "stopped", name, _activationId.ToString());
    }

    public async Task BusyAsync()
    {
        Enter();
        try
        {
            await Task.Delay(2);
            await Task.Yield();
            _busyCalls++;
        }
        finally
        {
            Exit();
        }
    }

    public Task<TimerReport> GetReportAsync() => Task.FromResult(new TimerReport(_activationId, _ticks, _busyCalls, _overlaps));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivated", reason.ReasonCode.ToString(), _activationId.ToString());
        return Task.CompletedTask;
    }

    private async Task OnTickAsync(string name)
    {
        Enter();
        try
        {
            _ticks++;
            probe.Record(GetPrimaryKeyString(), "tick", name, _activationId.ToString());
            await Task.Delay(2);
            await Task.Yield();
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inProgress) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    private void Exit() => Interlocked.Decrement(ref _inProgress);
}
