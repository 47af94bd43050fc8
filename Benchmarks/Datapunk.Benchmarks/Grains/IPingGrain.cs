namespace Datapunk.Benchmarks.Grains;

/// <summary>
/// A grain that does no work, so a call measures the runtime alone: routing, queueing, the turn
/// scheduler and (across silos) the transport. Its alias keeps the partition hash predictable.
/// </summary>
[Alias("bench.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/> unchanged, without allocating.</summary>
    ValueTask<int> PingAsync(int value);

    /// <summary>Returns the id of the silo this activation runs on, to check where calls land.</summary>
    Task<string> GetSiloAsync();
}
