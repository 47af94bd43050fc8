using Microsoft.Extensions.Configuration;

namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// What distinguishes one benchmark silo from another. Every run has a cluster of its own, whose
/// service id equals its cluster id, so its grain state is its own too and is deleted with it.
/// </summary>
/// <param name="ConnectionString">The benchmark database, pool bounded; Orleans' tables are in its schema <c>orleans</c>.</param>
/// <param name="GatewayPort">Orleans' client gateway; 0 for none.</param>
internal sealed record BenchmarkSiloSettings(string ConnectionString, string ClusterId, int SiloPort, int GatewayPort)
{
    /// <summary>A silo process's settings, from the environment variables <see cref="EnvironmentOf"/> writes.</summary>
    public static BenchmarkSiloSettings FromEnvironment()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        string Required(string key) => configuration[key] ?? throw new InvalidOperationException($"Set {key.Replace(":", "__", StringComparison.Ordinal)}.");
        return new BenchmarkSiloSettings(
            Required("ConnectionStrings:Postgres"),
            Required("Cluster:Id"),
            int.Parse(Required("Silo:Port"), CultureInfo.InvariantCulture),
            configuration.GetValue("Silo:GatewayPort", 0));
    }

    /// <summary>The environment of a silo process with these settings (the names Datapunk's silos read).</summary>
    public Dictionary<string, string> EnvironmentOf() => new()
    {
        ["ConnectionStrings__Postgres"] = ConnectionString,
        ["Cluster__Id"] = ClusterId,
        ["Silo__Port"] = SiloPort.ToString(CultureInfo.InvariantCulture),
        ["Silo__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
    };
}
