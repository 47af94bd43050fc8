using System.Text.Json.Serialization;

namespace Datapunk.Client;

/// <summary>One row of the membership table; <c>Status</c> is "active", "stopped" or "dead".</summary>
public sealed record ClusterSilo(
    string SiloId, string Address, string? GatewayUrl, string Status, DateTime StartedAt, DateTime HeartbeatAt,
    double? UptimeSeconds, int OwnedPartitions)
{
    [JsonIgnore]
    public bool IsActive => Status == "active";
}
