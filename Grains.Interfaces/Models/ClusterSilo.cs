namespace Datapunk.Grains;

/// <summary>One silo of the membership table.</summary>
/// <param name="Name">The silo's name (the pod name in Kubernetes).</param>
/// <param name="Address">Its silo-to-silo endpoint and generation, <c>ip:port@generation</c>.</param>
/// <param name="HostName">The machine or pod it runs on.</param>
/// <param name="Status">Orleans' membership status in lower case: active, joining, shuttingdown, stopping, dead, …</param>
/// <param name="GatewayPort">Its Orleans client gateway port, when it has one.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="LastAliveAt">Its last I-am-alive write to the membership table.</param>
/// <param name="UptimeSeconds">Seconds since it started, while it is active.</param>
/// <param name="Activations">Its live activations (active silos only).</param>
public sealed record ClusterSilo(
    string Name, string Address, string HostName, string Status, int? GatewayPort,
    DateTimeOffset StartedAt, DateTimeOffset? LastAliveAt, double? UptimeSeconds, int? Activations)
{
    public bool IsActive => Status == "active";
}
