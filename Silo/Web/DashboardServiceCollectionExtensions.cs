namespace Datapunk.Silo.Web;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>What the cluster dashboard needs: an HTTP client with a short timeout for the other silos' stats.</summary>
    public static IServiceCollection AddDatapunkDashboard(this IServiceCollection services)
    {
        services.AddHttpClient<SiloStatsClient>(client => client.Timeout = SiloStatsClient.Timeout);
        return services;
    }
}
