namespace Datapunk.Benchmarks.Grains;

/// <summary>The smallest grain there is: activating it costs only what the runtime itself spends.</summary>
[Alias("bench.probe")]
public interface IProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Does nothing; the first call activates the grain.</summary>
    [Alias("TouchAsync")]
    Task TouchAsync();
}
