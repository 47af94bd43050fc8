namespace Datapunk.Silo.Web;

public static class DashboardEndpoints
{
    /// <summary>The cluster dashboard page; its data comes from /api/dashboard.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", static () => TypedResults.Content(DashboardPage.Html, "text/html; charset=utf-8"))
            .WithTags("Dashboard").WithName("Dashboard").WithSummary("The cluster dashboard (HTML).")
            .ExcludeFromDescription();
        return app;
    }
}
