using System.Diagnostics.Metrics;
using Datapunk.Actors.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Actors.Tests.Telemetry;

/// <summary>Reads one silo's datapunk.actors.activations gauge.</summary>
internal static class ActivationGauge
{
    /// <summary>The live activations of <paramref name="grainType"/> the gauge reports now; 0 when it reports none.</summary>
    public static long Read(IServiceProvider siloServices, string grainType)
    {
        var meterFactory = siloServices.GetRequiredService<IMeterFactory>();
        long total = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument is { Name: "datapunk.actors.activations", Meter.Name: ActorTelemetry.MeterName } && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "grain_type", Value: string type } && type == grainType)
                {
                    total += value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return total;
    }
}
