namespace Datapunk.TestGrains;

/// <summary>Hands out increasing numbers, starting at one, through ValueTask-returning methods.</summary>
public sealed class SequenceGrain : Grain, ISequenceGrain
{
    private long _next = 1;

    public ValueTask<long> NextAsync() => new(_next++);

    public async ValueTask<SequenceRange> ReserveAsync(int count)
    {
        // Completes asynchronously, so the ValueTask is awaited rather than read at once.
        await Task.Yield();
        var range = new SequenceRange(_next, count);
        _next += count;
        return range;
    }

    public ValueTask RestartAtAsync(long next)
    {
        _next = next;
        return ValueTask.CompletedTask;
    }
}
