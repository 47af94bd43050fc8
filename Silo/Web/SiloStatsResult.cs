using Datapunk.Silo.Api;

namespace Datapunk.Silo.Web;

/// <summary>A silo's stats, or why they could not be fetched.</summary>
public sealed record SiloStatsResult(SiloStatsApi.SiloStats? Stats, string? Error)
{
    public static SiloStatsResult Succeeded(SiloStatsApi.SiloStats stats) => new(stats, null);

    public static SiloStatsResult Failed(string error) => new(null, error);
}
