using Datapunk.Actors.Client;

namespace Datapunk.Client;

/// <summary>
/// Creates <see cref="ClusterClient"/>s, which call grains directly over the silo transport
/// (faster than the REST gateway, for tools and services inside the cluster's network).
/// </summary>
public static class DatapunkClusterClient
{
    /// <summary>The cluster id a silo uses unless <c>Cluster__Id</c> says otherwise.</summary>
    public const string DefaultClusterId = "datapunk-local";

    /// <param name="siloAddresses">Silo transport addresses (host:port, as in /api/cluster's <c>address</c>) to start from.</param>
    /// <param name="clusterId">Must match the silos' cluster id, or they refuse the connection.</param>
    /// <param name="callTimeout">How long a grain call may take; 30 s when not given.</param>
    /// <param name="partitionCount">The cluster's partition count; a mismatch only costs redirects.</param>
    public static ClusterClient Create(
        IEnumerable<string> siloAddresses, string clusterId = DefaultClusterId, TimeSpan? callTimeout = null, int partitionCount = 256)
    {
        var options = new ClusterClientOptions
        {
            ClusterId = clusterId,
            Gateways = siloAddresses.ToList(),
            PartitionCount = partitionCount,
        };
        if (callTimeout is { } timeout)
        {
            options.CallTimeout = timeout;
        }

        return new ClusterClient(options);
    }

    /// <summary>Asks a REST gateway for the cluster id and the active silos' addresses, and connects to those.</summary>
    public static async Task<ClusterClient> ConnectAsync(
        DatapunkGatewayClient gateway, TimeSpan? callTimeout = null, CancellationToken cancellationToken = default)
    {
        var status = await gateway.GetClusterStatusAsync(cancellationToken);
        var addresses = status.Silos.Where(silo => silo.IsActive).Select(silo => silo.Address).ToList();
        if (addresses.Count == 0)
        {
            throw new InvalidOperationException($"The gateway at {gateway.Gateway} lists no active silo in cluster '{status.ClusterId}'.");
        }

        return Create(addresses, status.ClusterId, callTimeout, status.Partitions > 0 ? status.Partitions : 256);
    }
}
