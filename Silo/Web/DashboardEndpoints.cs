namespace Datapunk.Silo.Web;

public static class DashboardEndpoints
{
    /// <summary>The cluster dashboard page.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app) => app;
}
