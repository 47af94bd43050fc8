namespace Datapunk.TestGrains;

/// <summary>See <see cref="IFencingProbeGrain"/>: the slow set leaves a window in which its silo can lose the grain.</summary>
public sealed class FencingProbeGrain([PersistentState("probe", "store")] IPersistentState<FencingProbeState> probe) : Grain, IFencingProbeGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);

    public async Task<int> SetAsync(int value)
    {
        probe.State = new FencingProbeState { Value = value };
        await probe.WriteStateAsync();
        return probe.State.Value;
    }

    public async Task<int> SetSlowlyAsync(int value, int delayMs)
    {
        probe.State = new FencingProbeState { Value = value };
        await Task.Delay(delayMs);
        await probe.WriteStateAsync();
        return probe.State.Value;
    }

    public async Task<int> AddToCounterSlowlyAsync(ICounterGrain counter, int amount, int delayMs)
    {
        probe.State = new FencingProbeState { Value = amount };
        await Task.Delay(delayMs);
        return await counter.AddAsync(amount);
    }

    public Task<int> GetAsync() => Task.FromResult(probe.State.Value);

    public Task<int> PeekAsync() => Task.FromResult(probe.State.Value);
}
