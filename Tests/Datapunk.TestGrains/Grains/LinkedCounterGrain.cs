namespace Datapunk.TestGrains;

/// <summary>Persists a reference to a counter grain and calls the counter through it.</summary>
public sealed class LinkedCounterGrain([PersistentState("link", "store")] IPersistentState<LinkedCounterState> link, GrainProbe probe)
    : Grain, ILinkedCounterGrain
{
    public async Task LinkAsync(ICounterGrain counter)
    {
        link.State = link.State with { Counter = counter };
        await link.WriteStateAsync();
    }

    public Task<int> AddThroughLinkAsync(int amount) =>
        (link.State.Counter ?? throw new InvalidOperationException($"{GrainId} has no linked counter.")).AddAsync(amount);

    public Task<ICounterGrain?> GetLinkAsync() => Task.FromResult(link.State.Counter);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivated", reason.ReasonCode.ToString());
        return Task.CompletedTask;
    }
}
