using Orleans.Placement;

namespace Datapunk.Benchmarks.Grains;

/// <summary>
/// Non-persisted and stateless, so the benchmarks measure calls, not grain code. Placed on the silo
/// that first addresses it: the local-calls caller's own silo, or (cross-silo) silo B, whose client
/// gateway activates the grains before silo A calls them.
/// </summary>
[PreferLocalPlacement]
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> PingAsync(int value) => new(value);

    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);
}
