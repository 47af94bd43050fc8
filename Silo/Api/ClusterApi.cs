using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Configuration;
using Microsoft.Extensions.Options;

namespace Datapunk.Silo.Api;

/// <summary>The cluster as this silo sees it: Orleans' membership and activations per grain type (for the CLI).</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster", GetStatusAsync).WithTags("Cluster").WithName("ClusterStatus").RequireAuthorization(Auth.AuthPolicies.Admin)
            .WithSummary("Silos with status, address and uptime from the membership table, and live activations per grain type (administrators).");
        return api;
    }

    private static async Task<Ok<ClusterStatus>> GetStatusAsync(
        IGrainFactory grains, ILocalSiloDetails local, IOptions<ClusterOptions> cluster, TimeProvider clock)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var now = clock.GetUtcNow();
        var bySilo = statistics.GroupBy(s => s.SiloAddress.ToParsableString())
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        var silos = hosts.OrderByDescending(h => h.StartTime).Select(host =>
        {
            var active = host.Status == SiloStatus.Active;
            var address = host.SiloAddress.ToParsableString();
            return new ClusterSilo(
                host.SiloName, address, host.HostName, host.Status.ToString().ToLowerInvariant(),
                host.ProxyPort > 0 ? host.ProxyPort : null,
                new DateTimeOffset(host.StartTime, TimeSpan.Zero),
                host.IAmAliveTime == default ? null : new DateTimeOffset(host.IAmAliveTime, TimeSpan.Zero),
                active ? Math.Round((now - new DateTimeOffset(host.StartTime, TimeSpan.Zero)).TotalSeconds, 1) : null,
                active ? bySilo.GetValueOrDefault(address) : null);
        }).ToList();
        var activations = statistics.GroupBy(s => s.GrainType)
            .Select(g => new GrainTypeActivations(
                g.Key, g.Sum(s => s.ActivationCount),
                g.GroupBy(s => s.SiloAddress.ToParsableString()).ToDictionary(s => s.Key, s => s.Sum(x => x.ActivationCount))))
            .OrderByDescending(g => g.Activations).ThenBy(g => g.GrainType, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ClusterStatus(
            cluster.Value.ClusterId, cluster.Value.ServiceId, local.SiloAddress.ToParsableString(), now, silos, activations));
    }
}
