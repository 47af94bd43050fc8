using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Listens to every Datapunk meter (and the runtime's own "System.Runtime" meter) and keeps the
/// aggregates /metrics and the dashboard read: sums for counters, buckets for histograms, last
/// values for observable instruments.
/// </summary>
public sealed class MetricsCollector : IHostedService, IDisposable
{
    /// <summary>OpenTelemetry's default boundaries, for histograms that advise none.</summary>
    private static readonly double[] DefaultBoundaries = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly IMeterFactory _meterFactory;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricAggregate> _aggregates = new();
    private readonly Lock _observation = new();

    public MetricsCollector(IMeterFactory meterFactory)
    {
        _meterFactory = meterFactory;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = (instrument, _) => _aggregates.TryRemove(instrument, out MetricAggregate? _);
        _listener.SetMeasurementEventCallback<double>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (instrument, value, tags, state) => ((MetricAggregate)state!).Record((double)value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every instrument's current state, observable instruments observed just now.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        // Observation clears and refills the observable aggregates; two scrapes must not interleave.
        lock (_observation)
        {
            foreach (var aggregate in _aggregates.Values)
            {
                if (aggregate.IsObservable)
                {
                    aggregate.BeginObservation();
                }
            }

            _listener.RecordObservableInstruments();
            var families = _aggregates.Values.Select(aggregate => aggregate.Snapshot()).ToList();
            families.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return families;
        }
    }

    /// <summary>The current state of one push instrument (counter or histogram) by name; null until it recorded anything.</summary>
    public MetricFamily? Find(string instrumentName)
    {
        foreach (var (instrument, aggregate) in _aggregates)
        {
            if (instrument.Name == instrumentName && !instrument.IsObservable)
            {
                return aggregate.Snapshot();
            }
        }

        return null;
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        var wanted = meter.Name.StartsWith("Datapunk", StringComparison.Ordinal) || meter.Name == "System.Runtime";

        // Meters made by another host's factory (several silos in one test process) belong to that host's collector.
        var ours = meter.Scope is null || ReferenceEquals(meter.Scope, _meterFactory);
        if (!wanted || !ours)
        {
            return;
        }

        var aggregate = CreateAggregate(instrument);
        if (aggregate is not null && _aggregates.TryAdd(instrument, aggregate))
        {
            listener.EnableMeasurementEvents(instrument, aggregate);
        }
    }

    private static MetricAggregate? CreateAggregate(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return new SumAggregate(instrument, MetricKind.Counter);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new SumAggregate(instrument, MetricKind.Gauge);
        }

        if (definition == typeof(Histogram<>))
        {
            return new HistogramAggregate(instrument, AdvisedBoundaries(instrument) ?? DefaultBoundaries);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new LastValueAggregate(instrument, MetricKind.Counter);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
        {
            return new LastValueAggregate(instrument, MetricKind.Gauge);
        }

        return null;
    }

    private static double[]? AdvisedBoundaries(Instrument instrument)
    {
        var boundaries = instrument switch
        {
            Instrument<double> typed => typed.Advice?.HistogramBucketBoundaries?.ToArray(),
            Instrument<float> typed => typed.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            Instrument<long> typed => typed.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            Instrument<int> typed => typed.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            _ => null,
        };

        // The advice is validated as strictly increasing by the instrument; an empty list means no advice.
        return boundaries is { Length: > 0 } ? boundaries : null;
    }
}
