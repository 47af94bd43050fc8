namespace Datapunk.Client;

/// <summary>The body of <c>GET /api/silo/stats</c>: one silo's load over the last <c>WindowSeconds</c> (about 10).</summary>
public sealed record SiloStats(
    string SiloId, string Address, string? GatewayUrl, int OwnedPartitions, double UptimeSeconds, double WindowSeconds,
    IReadOnlyList<GrainTypeStats> GrainTypes);
