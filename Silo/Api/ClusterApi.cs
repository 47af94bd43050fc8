using Datapunk.Actors.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>The cluster as this silo sees it: silos, partition ownership and local activations (for the CLI and dashboard).</summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", GetStatus).WithTags("Cluster").WithName("ClusterStatus")
            .WithSummary("Silos with status and uptime, partition owners, and this silo's activations by grain type.");
        return app;
    }

    private static Results<Ok<ClusterStatus>, JsonHttpResult<ClusterStatus>> GetStatus(ISiloStatus silo)
    {
        var snapshot = silo.LastSnapshot;
        var silos = snapshot?.Silos.Select(s => new SiloStatus(
            s.SiloId, s.Address, s.GatewayUrl, s.Status, s.StartedAt, s.HeartbeatAt,
            s.Status == "active" ? (snapshot.ReadAt - s.StartedAt).TotalSeconds : null,
            snapshot.Partitions.Count(p => p.IsLive && p.Owner == s.SiloId))).ToList() ?? [];
        var status = new ClusterStatus(
            snapshot?.ClusterId ?? "", silo.SiloId, snapshot?.ReadAt, silos,
            snapshot?.Partitions.Count ?? 0, snapshot?.Partitions.Count(p => !p.IsLive) ?? 0,
            silo.ActivationsByType());
        return silo.IsReady ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record ClusterStatus(
        string ClusterId, string ReportedBy, DateTime? ReadAt, IReadOnlyList<SiloStatus> Silos,
        int Partitions, int UnownedPartitions, IReadOnlyDictionary<string, int> LocalActivations);

    public sealed record SiloStatus(
        string SiloId, string Address, string? GatewayUrl, string Status, DateTime StartedAt, DateTime HeartbeatAt,
        double? UptimeSeconds, int OwnedPartitions);
}
