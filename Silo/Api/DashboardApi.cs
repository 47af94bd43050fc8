using Datapunk.Actors.Cluster;
using Datapunk.Actors.Hosting;
using Datapunk.Silo.Telemetry;
using Datapunk.Silo.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// The whole cluster for the dashboard page and the CLI: silos with their stats (fetched from each
/// active silo in parallel), partition ownership, and totals per grain type.
/// </summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", GetAsync).WithTags("Cluster").WithName("ClusterDashboard")
            .WithSummary("Silos with status, uptime, partitions and load; partition owners; cluster totals per grain type.");
        return app;
    }

    private static async Task<Ok<ClusterDashboard>> GetAsync(
        ISiloStatus silo, CallStatsSampler sampler, SiloStatsClient statsClient, CancellationToken cancellationToken)
    {
        var snapshot = silo.LastSnapshot;
        if (snapshot is null)
        {
            // Before the silo's first cluster round there is nothing to show but who answered.
            return TypedResults.Ok(new ClusterDashboard("", silo.SiloId, DateTime.UtcNow, null, 0, 0, [], [], []));
        }

        var silos = await Task.WhenAll(snapshot.Silos.Select(record => DescribeAsync(record, snapshot, silo, sampler, statsClient, cancellationToken)));
        var owners = new string?[snapshot.Partitions.Count];
        foreach (var lease in snapshot.Partitions)
        {
            owners[lease.Partition] = lease.IsLive ? lease.Owner : null;
        }

        var reporting = silos.Select(s => s.Stats).OfType<SiloStatsApi.SiloStats>();
        return TypedResults.Ok(new ClusterDashboard(
            snapshot.ClusterId, silo.SiloId, DateTime.UtcNow, snapshot.ReadAt,
            owners.Length, owners.Count(owner => owner is null), owners,
            silos.OrderBy(s => s.SiloId, StringComparer.Ordinal).ToList(), GrainTypeTotalsCalculator.Sum(reporting)));
    }

    private static async Task<DashboardSilo> DescribeAsync(
        SiloRecord record, ClusterSnapshot snapshot, ISiloStatus local, CallStatsSampler sampler, SiloStatsClient statsClient,
        CancellationToken cancellationToken)
    {
        var isLocal = record.SiloId == local.SiloId;
        var isActive = record.Status == "active";
        var owned = snapshot.Partitions.Count(p => p.IsLive && p.Owner == record.SiloId);
        var uptime = isActive ? (snapshot.ReadAt - record.StartedAt).TotalSeconds : (double?)null;

        // Stopped and dead silos are listed for an hour after they ended; there is nobody to ask.
        var result = !isActive ? null
            : isLocal ? SiloStatsResult.Succeeded(SiloStatsApi.Describe(local, sampler))
            : await statsClient.FetchAsync(record.GatewayUrl, cancellationToken);
        var stats = result?.Stats;
        return new DashboardSilo(
            record.SiloId, record.Address, record.GatewayUrl, record.Status, record.StartedAt, record.HeartbeatAt, uptime, owned,
            isLocal, result is null ? null : stats is not null, result?.Error,
            stats?.GrainTypes.Sum(g => g.Activations), stats?.GrainTypes.Sum(g => g.CallsPerSecond), stats);
    }

    /// <summary>
    /// The cluster as the answering silo saw it in its last maintenance round (<c>ReadAt</c>, database
    /// time) plus the stats gathered just now (<c>GeneratedAt</c>). <c>PartitionOwners[i]</c> is the silo
    /// id holding a live lease on partition i, or null.
    /// </summary>
    public sealed record ClusterDashboard(
        string ClusterId, string ReportedBy, DateTime GeneratedAt, DateTime? ReadAt, int PartitionCount, int UnownedPartitions,
        IReadOnlyList<string?> PartitionOwners, IReadOnlyList<DashboardSilo> Silos, IReadOnlyList<GrainTypeTotals> GrainTypes);

    /// <summary>
    /// One silo of the membership table. <c>Reachable</c> is null for silos that are not active (not
    /// asked), false with an <c>Error</c> when an active silo's stats could not be fetched.
    /// </summary>
    public sealed record DashboardSilo(
        string SiloId, string Address, string? GatewayUrl, string Status, DateTime StartedAt, DateTime HeartbeatAt,
        double? UptimeSeconds, int OwnedPartitions, bool IsLocal, bool? Reachable, string? Error,
        int? Activations, double? CallsPerSecond, SiloStatsApi.SiloStats? Stats);

    /// <summary>One grain type across every silo that answered; latencies in ms from the merged histogram buckets.</summary>
    public sealed record GrainTypeTotals(
        string GrainType, int Activations, long Calls, long Failures, double CallsPerSecond, double? ErrorRate,
        double? P50Ms, double? P99Ms, int Silos);
}
