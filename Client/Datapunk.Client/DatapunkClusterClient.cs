using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Datapunk.Client;

/// <summary>
/// Orleans clients of a Datapunk cluster: they call grains directly through the silos' client
/// gateways (faster than the REST gateway, for tools and services inside the cluster's network).
/// </summary>
public static class DatapunkClusterClient
{
    /// <summary>The cluster id a silo uses unless <c>Cluster__Id</c> says otherwise.</summary>
    public const string DefaultClusterId = "datapunk-local";

    /// <summary>The service id a silo uses unless <c>Cluster__ServiceId</c> says otherwise.</summary>
    public const string DefaultServiceId = "datapunk";

    /// <summary>
    /// Starts a client host connected to <paramref name="gateways"/> (the silos' Orleans gateway
    /// endpoints). Dispose the host to close the connections.
    /// </summary>
    /// <param name="responseTimeout">How long a grain call may take; Orleans' default (30 s) when not given.</param>
    public static async Task<IHost> StartAsync(
        IReadOnlyList<IPEndPoint> gateways, string clusterId = DefaultClusterId, string serviceId = DefaultServiceId,
        TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. gateways]);
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = serviceId;
            });
            if (responseTimeout is { } timeout)
            {
                client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = timeout);
            }
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>Asks a REST gateway for the cluster and its active silos' Orleans gateways, and connects to those.</summary>
    public static async Task<IHost> ConnectAsync(
        DatapunkGatewayClient gateway, TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default)
    {
        var status = await gateway.GetClusterStatusAsync(cancellationToken);
        var endpoints = status.Silos
            .Where(silo => silo.IsActive && silo.GatewayPort is not null)
            .Select(silo => new IPEndPoint(IPAddress.Parse(silo.Address[..silo.Address.LastIndexOf(':')]), silo.GatewayPort!.Value))
            .ToList();
        if (endpoints.Count == 0)
        {
            throw new InvalidOperationException($"The gateway at {gateway.Gateway} lists no active silo with a client gateway in cluster '{status.ClusterId}'.");
        }

        return await StartAsync(endpoints, status.ClusterId, status.ServiceId, responseTimeout, cancellationToken);
    }
}
