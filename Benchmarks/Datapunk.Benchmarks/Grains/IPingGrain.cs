namespace Datapunk.Benchmarks.Grains;

/// <summary>
/// A grain that does no work, so a call measures the runtime alone: addressing, queueing, the
/// activation's scheduler and (across silos) serialization and the transport.
/// </summary>
[Alias("bench.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/> unchanged, without allocating.</summary>
    [Alias("PingAsync")]
    ValueTask<int> PingAsync(int value);

    /// <summary>Returns the address of the silo this activation runs on, to check where calls land.</summary>
    [Alias("GetSiloAsync")]
    Task<string> GetSiloAsync();
}
