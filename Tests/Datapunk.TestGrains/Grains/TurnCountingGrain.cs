namespace Datapunk.TestGrains;

/// <summary>
/// Counts its calls in progress and its synchronous sections with <see cref="Interlocked"/>. Each
/// call awaits twice, once on a continuation that completes on another thread, so overlapping
/// turns, overlapping sections or continuations that escape the activation show in the counts.
/// </summary>
/// <param name="sectionSpins">How long a synchronous section spins: long enough that a section running in parallel would be caught inside it.</param>
public abstract class TurnCountingGrain(int sectionSpins) : Grain
{
    private readonly ConcurrencyMeter _calls = new(static () => { });
    private readonly ConcurrencyMeter _sections = new(static () => { });
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

    public Task<TurnStats> GetStatsAsync() => Task.FromResult(
        new TurnStats(Volatile.Read(ref _completed), _unguardedCompleted, _calls.Max, _sections.Max, Volatile.Read(ref _continuationsOffActivation)));

    private void RunSection()
    {
        _sections.Enter();
        Thread.SpinWait(sectionSpins);
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
