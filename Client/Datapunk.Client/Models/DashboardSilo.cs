namespace Datapunk.Client;

/// <summary>
/// One silo on the dashboard. <c>Reachable</c> is null for silos that are not active, false (with
/// <c>Error</c>) when an active silo's stats could not be fetched.
/// </summary>
public sealed record DashboardSilo(
    string SiloId, string Address, string? GatewayUrl, string Status, DateTime StartedAt, DateTime HeartbeatAt,
    double? UptimeSeconds, int OwnedPartitions, bool IsLocal, bool? Reachable, string? Error,
    int? Activations, double? CallsPerSecond, SiloStats? Stats);
