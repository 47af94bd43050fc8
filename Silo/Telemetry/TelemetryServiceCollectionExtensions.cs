namespace Datapunk.Silo.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Collects the runtime's meters for /metrics and the dashboard, samples call rates for the stats
    /// API, and exports over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IServiceCollection AddDatapunkTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<MetricsCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsCollector>());
        services.AddSingleton<CallStatsSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<CallStatsSampler>());
        if (OpenTelemetryExporter.IsConfigured)
        {
            services.AddHostedService<OpenTelemetryExporter>();
        }

        return services;
    }

    /// <summary>Prometheus text format of every Datapunk meter.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", static (MetricsCollector collector) =>
                TypedResults.Text(PrometheusTextWriter.Write(collector.Collect()), PrometheusTextWriter.ContentType))
            .WithTags("Telemetry").WithName("Metrics")
            .WithSummary("Every Datapunk instrument in the Prometheus text exposition format 0.0.4.");
        return app;
    }
}
