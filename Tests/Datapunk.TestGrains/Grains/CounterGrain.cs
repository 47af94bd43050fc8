namespace Datapunk.TestGrains;

/// <summary>A persisted counter: every acknowledged addition is in the database before the caller hears of it.</summary>
public sealed class CounterGrain([PersistentState("counter", "store")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public async Task<int> AddAsync(int amount)
    {
        counter.State.Total += amount;
        await counter.WriteStateAsync();
        return counter.State.Total;
    }

    public Task<int> GetAsync() => Task.FromResult(counter.State.Total);

    public async Task ResetAsync()
    {
        counter.State.Total = 0;
        await counter.WriteStateAsync();
    }

    public Task<int> AddToAsync(ICounterGrain other) => other.AddAsync(counter.State.Total);
}
