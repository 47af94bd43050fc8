using Datapunk.Lake.Pipeline;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Datapunk.Silo.Telemetry;

public static class TelemetryExtensions
{
    private const int MaxLabelSetsPerMetric = 256;

    /// <summary>
    /// OpenTelemetry: Orleans' meters and activity sources, the import's meter, ASP.NET Core,
    /// HttpClient, Npgsql and the .NET runtime. Metrics are scraped from <c>/metrics</c>
    /// (Prometheus text). When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, metrics and traces also go
    /// to that collector; without one no trace is recorded, since nothing would read it.
    /// </summary>
    public static WebApplicationBuilder AddDatapunkTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("datapunk-silo"))
            .WithMetrics(metrics => metrics
                // OpenTelemetry allocates every metric's points up front, 2,000 by default: with Orleans'
                // instruments that was 15 MB of an idle silo's large object heap. No metric here has
                // more than a few dozen label sets; past the limit points fold into an overflow series.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MaxLabelSetsPerMetric })
                .AddMeter("Microsoft.Orleans")
                .AddMeter(ImportMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource("Microsoft.Orleans.Runtime")
                    .AddSource("Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter();
        }

        return builder;
    }
}
