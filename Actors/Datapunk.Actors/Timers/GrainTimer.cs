namespace Datapunk.Actors.Runtime;

/// <summary>
/// A timer owned by one activation. Ticks never overlap: the next one is scheduled only after the
/// previous callback finished, as Orleans' grain timers do.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Timer _timer;
    private TimeSpan _period;
    private int _stopped;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _callback = callback;
        Options = options;
        _period = options.Period;
        _timer = new Timer(static state => ((GrainTimer)state!).OnDue(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public GrainTimerCreationOptions Options { get; }

    public void Start() => _timer.Change(Options.DueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        if (Volatile.Read(ref _stopped) == 0)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public Task InvokeCallbackAsync() => Volatile.Read(ref _stopped) == 1 ? Task.CompletedTask : _callback(_stopping.Token);

    public void OnTickCompleted()
    {
        if (Volatile.Read(ref _stopped) == 0 && _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the timer because its activation is going away.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
            _timer.Dispose();
        }
    }

    public void Dispose()
    {
        Stop();
        _activation.UnregisterTimer(this);
    }

    private void OnDue()
    {
        if (Volatile.Read(ref _stopped) == 0 && !_activation.EnqueueTimerTick(this))
        {
            Stop();
        }
    }
}
