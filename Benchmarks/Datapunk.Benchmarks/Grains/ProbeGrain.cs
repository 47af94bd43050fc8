using Orleans.Placement;

namespace Datapunk.Benchmarks.Grains;

/// <summary>No fields and no state: its heap footprint is the runtime's per-activation bookkeeping.</summary>
[PreferLocalPlacement]
public sealed class ProbeGrain : Grain, IProbeGrain
{
    public Task TouchAsync() => Task.CompletedTask;
}
