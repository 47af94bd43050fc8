namespace Datapunk.TestGrains;

/// <summary>
/// Not reentrant: only <see cref="IInterleavingGrain.IsHoldingAsync"/>, which is [AlwaysInterleave],
/// may run while a hold is in progress. <see cref="ReleaseAsync"/> is an ordinary call and so would
/// queue behind the very hold it should end; the hold therefore waits on a probe gate, which
/// ReleaseAsync opens and which a test can open directly.
/// </summary>
public sealed class InterleavingGrain(GrainProbe probe) : Grain, IInterleavingGrain
{
    private bool _holding;
    private int _queriesWhileHolding;

    public async Task<int> HoldAsync()
    {
        _holding = true;
        _queriesWhileHolding = 0;
        probe.Record(GetPrimaryKeyString(), "holding");
        try
        {
            await probe.GateAsync(GetPrimaryKeyString());
        }
        finally
        {
            _holding = false;
        }

        return _queriesWhileHolding;
    }

    public Task ReleaseAsync()
    {
        probe.OpenGate(GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<bool> IsHoldingAsync()
    {
        if (_holding)
        {
            _queriesWhileHolding++;
        }

        return Task.FromResult(_holding);
    }
}
