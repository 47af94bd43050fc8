using Datapunk.Actors.Cluster;

namespace Datapunk.Actors.Client;

/// <summary>
/// A client's view of ownership, learned from the silos: each partition's owner is remembered once
/// a call was served there; unknown partitions go to a gateway, which answers with the owner.
/// </summary>
internal sealed class ClientRouting(ClusterClientOptions options) : IPartitionRouting
{
    private readonly string?[] _owners = new string?[options.PartitionCount];
    private int _nextGateway;

    public int PartitionCount => _owners.Length;

    public string? GetOwnerAddress(int partition) =>
        Volatile.Read(ref _owners[partition]) ?? options.Gateways[(int)((uint)Interlocked.Increment(ref _nextGateway) % (uint)options.Gateways.Count)];

    public void ReportStaleRoute(int partition) => Volatile.Write(ref _owners[partition], null);

    public void ReportServedBy(int partition, string address) => Volatile.Write(ref _owners[partition], address);

    public Task WaitForRoutingChangeAsync(CancellationToken cancellationToken) => Task.Delay(100, cancellationToken);
}
