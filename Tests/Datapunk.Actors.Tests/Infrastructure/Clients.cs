using Datapunk.Actors.Client;

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>Cluster clients that reach a test silo over its TCP transport, as a process outside the cluster would.</summary>
internal static class Clients
{
    public static ClusterClient ConnectTo(SiloFixture fixture) => new(new ClusterClientOptions
    {
        ClusterId = fixture.ClusterId,
        Gateways = [fixture.Status.Address],
        CallTimeout = TimeSpan.FromSeconds(10),
    });
}
