namespace Datapunk.Actors.Client;

/// <summary>How a process outside the cluster reaches it.</summary>
public sealed class ClusterClientOptions
{
    public string ClusterId { get; set; } = "datapunk";

    /// <summary>Silo transport addresses (host:port) to start from; the cluster redirects to owners from there.</summary>
    public IReadOnlyList<string> Gateways { get; set; } = ["127.0.0.1:11111"];

    /// <summary>Must equal the cluster's partition count for direct routing; a mismatch only costs redirects.</summary>
    public int PartitionCount { get; set; } = 256;

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
