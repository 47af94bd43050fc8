using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Sends the Datapunk meters and activity sources to an OpenTelemetry collector over OTLP. Only
/// registered when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads that variable (and
/// the other standard <c>OTEL_*</c> ones) itself. Providers are built by hand because the hosting
/// integration package is not available here.
/// </summary>
public sealed class OpenTelemetryExporter : IHostedService, IDisposable
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string DatapunkSources = "Datapunk.*";

    private MeterProvider? _meters;
    private TracerProvider? _tracer;

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(DatapunkSources).AddOtlpExporter().Build();
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(DatapunkSources).AddOtlpExporter().Build();
        return Task.CompletedTask;
    }

    /// <summary>Flushes what is buffered, so the last seconds before a shutdown are exported too.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _meters?.ForceFlush(timeoutMilliseconds: 2000);
        _tracer?.ForceFlush(timeoutMilliseconds: 2000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _meters?.Dispose();
        _tracer?.Dispose();
    }
}
