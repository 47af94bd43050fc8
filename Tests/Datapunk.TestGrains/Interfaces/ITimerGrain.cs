namespace Datapunk.TestGrains;

/// <summary>A grain that runs named grain timers and reports every tick to the test probe.</summary>
public interface ITimerGrain : IGrainWithGuidKey
{
    /// <summary>Starts a timer named <paramref name="name"/> that ticks every <paramref name="periodMilliseconds"/>.</summary>
    Task StartTimerAsync(string name, int periodMilliseconds);

    /// <summary>Disposes the timer named <paramref name="name"/> after <paramref name="workMilliseconds"/> of other work in the same call.</summary>
    Task StopTimerAsync(string name, int workMilliseconds);

    /// <summary>A call that awaits in the middle, so a timer callback that ran during it would overlap.</summary>
    Task BusyAsync();

    /// <summary>Returns what this activation observed.</summary>
    Task<TimerReport> GetReportAsync();

    /// <summary>Asks the runtime to deactivate this activation once the call ends.</summary>
    Task DeactivateAsync();
}
