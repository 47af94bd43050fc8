namespace Datapunk.TestGrains;

/// <summary>
/// A reentrant grain: its calls interleave at awaits, yet its synchronous sections must never run
/// at the same instant. Both are counted with <see cref="Interlocked"/>.
/// </summary>
[Reentrant]
public sealed class ReentrantTurnGrain : Grain, IReentrantTurnGrain
{
    private readonly ConcurrencyMeter _calls = new(static () => { });
    private readonly ConcurrencyMeter _sections = new(static () => { });
    private TaskCompletionSource<int>? _meeting;
    private int _arrived;
    private int _completed;
    private int _unguardedCompleted;
    private int _continuationsOffActivation;

    public async Task TouchAsync()
    {
        var activationContext = SynchronizationContext.Current;
        _calls.Enter();
        try
        {
            RunSection();
            await Task.Yield();
            CheckContext(activationContext);
            RunSection();
            await Task.Run(static () => Thread.SpinWait(50));
            CheckContext(activationContext);
            RunSection();
            _unguardedCompleted++;
            Interlocked.Increment(ref _completed);
        }
        finally
        {
            _calls.Exit();
        }
    }

    public async Task<int> MeetAsync(int expected)
    {
        var meeting = _meeting ??= new TaskCompletionSource<int>();
        if (++_arrived >= expected)
        {
            meeting.TrySetResult(_arrived);
            _meeting = null;
            _arrived = 0;
        }

        return await meeting.Task;
    }

    public Task<TurnStats> GetStatsAsync() => Task.FromResult(
        new TurnStats(Volatile.Read(ref _completed), _unguardedCompleted, _calls.Max, _sections.Max, Volatile.Read(ref _continuationsOffActivation)));

    private void RunSection()
    {
        _sections.Enter();
        // Long enough that a section running in parallel would almost surely be caught inside this one.
        Thread.SpinWait(200);
        _sections.Exit();
    }

    private void CheckContext(SynchronizationContext? activationContext)
    {
        if (activationContext is null || !ReferenceEquals(SynchronizationContext.Current, activationContext))
        {
            Interlocked.Increment(ref _continuationsOffActivation);
        }
    }
}
