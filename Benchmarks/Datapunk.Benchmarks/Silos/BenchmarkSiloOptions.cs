using Datapunk.Actors.Hosting;

namespace Datapunk.Benchmarks.Silos;

/// <summary>The runtime settings of every benchmark silo: normal timings, but activations are never collected mid-run.</summary>
internal static class BenchmarkSiloOptions
{
    public static ActorRuntimeOptions Create(string connectionString, string clusterId, int port = 0) => new()
    {
        ConnectionString = connectionString,
        ClusterId = clusterId,
        SiloPort = port,
        CollectionAge = TimeSpan.FromHours(2),
    };
}
