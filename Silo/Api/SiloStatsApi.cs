using System.Diagnostics;
using Datapunk.Actors.Hosting;
using Datapunk.Silo.Telemetry;

namespace Datapunk.Silo.Api;

/// <summary>This silo's load for the dashboard: activations, and call rate, errors and latency over the last ~10 s per grain type.</summary>
public static class SiloStatsApi
{
    public static IEndpointRouteBuilder MapSiloStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/silo/stats", static (ISiloStatus silo, CallStatsSampler sampler) => TypedResults.Ok(Describe(silo, sampler)))
            .WithTags("Cluster").WithName("SiloStats")
            .WithSummary("This silo's identity, uptime, activations by grain type, and calls/s, error rate, p50 and p99 latency over the last ~10 s.");
        return app;
    }

    /// <summary>The local silo's stats, also used by the dashboard for the silo that serves it.</summary>
    public static SiloStats Describe(ISiloStatus silo, CallStatsSampler sampler)
    {
        var activations = silo.ActivationsByType();
        var windows = sampler.CurrentWindow().ToDictionary(w => w.GrainType, StringComparer.Ordinal);
        var grainTypes = activations.Keys.Union(windows.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(grainType => DescribeGrainType(grainType, activations.GetValueOrDefault(grainType), windows.GetValueOrDefault(grainType)))
            .ToList();

        var snapshot = silo.LastSnapshot;
        var record = snapshot?.Silos.FirstOrDefault(s => s.SiloId == silo.SiloId);

        // Both times come from the database clock, as in /api/cluster; the process uptime stands in before the first round.
        var uptime = record is not null && snapshot is not null
            ? (snapshot.ReadAt - record.StartedAt).TotalSeconds
            : ProcessUptimeSeconds();
        var windowSeconds = windows.Count > 0 ? windows.Values.Max(w => w.Seconds) : 0;
        return new SiloStats(silo.SiloId, silo.Address, record?.GatewayUrl, silo.OwnedPartitions, Math.Max(0, uptime), windowSeconds, grainTypes);
    }

    private static double ProcessUptimeSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalSeconds;
    }

    private static GrainTypeStats DescribeGrainType(string grainType, int activations, GrainCallWindow? window) => window is null
        ? new GrainTypeStats(grainType, activations, 0, 0, 0, null, null, null, null)
        : new GrainTypeStats(
            grainType, activations, window.Calls, window.Failures, window.CallsPerSecond, window.ErrorRate,
            window.LatencyQuantile(0.5), window.LatencyQuantile(0.99),
            window.Calls > 0 ? new LatencyHistogram(window.LatencyBoundaries, window.LatencyBuckets) : null);

    /// <summary>What one silo reports; <c>WindowSeconds</c> is the span the call figures cover (about 10, less just after start).</summary>
    public sealed record SiloStats(
        string SiloId, string Address, string? GatewayUrl, int OwnedPartitions, double UptimeSeconds, double WindowSeconds,
        IReadOnlyList<GrainTypeStats> GrainTypes);

    /// <summary>
    /// One grain type on one silo. Latencies are in ms, interpolated inside the window's histogram
    /// buckets (exact to within a bucket; see HistogramPercentile), null without calls.
    /// </summary>
    public sealed record GrainTypeStats(
        string GrainType, int Activations, long Calls, long Failures, double CallsPerSecond, double? ErrorRate,
        double? P50Ms, double? P99Ms, LatencyHistogram? Latency);

    /// <summary>The window's latency buckets (per bucket, overflow last), so a cluster view can merge silos exactly.</summary>
    public sealed record LatencyHistogram(IReadOnlyList<double> BoundariesMs, IReadOnlyList<long> Counts);
}
