using Datapunk.TestGrains;

namespace Datapunk.Actors.Generator.Tests.RoundTrip.Fakes;

internal sealed class FakeSequenceGrain : ISequenceGrain
{
    private long _next = 1;

    public ValueTask<long> NextAsync() => new(_next++);

    public async ValueTask<SequenceRange> ReserveAsync(int count)
    {
        // Completes asynchronously, covering the path where the request awaits the grain.
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
