using Datapunk.TestGrains;

namespace Datapunk.Actors.Generator.Tests.RoundTrip.Fakes;

internal sealed class FakeInterleavingGrain : IInterleavingGrain
{
    private TaskCompletionSource? _hold;
    private int _queriesWhileHolding;

    public async Task<int> HoldAsync()
    {
        _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queriesWhileHolding = 0;
        await _hold.Task;
        _hold = null;
        return _queriesWhileHolding;
    }

    public Task ReleaseAsync()
    {
        _hold?.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<bool> IsHoldingAsync()
    {
        var holding = _hold is not null;
        if (holding)
        {
            _queriesWhileHolding++;
        }

        return Task.FromResult(holding);
    }
}
