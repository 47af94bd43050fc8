namespace Datapunk.Benchmarks.Grains;

/// <summary>Non-persisted and stateless, so the benchmarks measure calls, not grain code.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> PingAsync(int value) => new(value);

    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);
}
