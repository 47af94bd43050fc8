using System.Diagnostics.Metrics;
using Datapunk.Actors.Runtime;

namespace Datapunk.Actors.Telemetry;

/// <summary>
/// The runtime's meter and activity source. Calls are measured where they are handled (queueing
/// included), tagged by grain type and method; activations are observed per grain type.
/// </summary>
public sealed class ActorTelemetry : IDisposable
{
    public const string MeterName = "Datapunk.Actors";
    public const string ActivitySourceName = "Datapunk.Actors";
    public const string CallsInstrument = "datapunk.actors.calls";
    public const string CallFailuresInstrument = "datapunk.actors.call_failures";
    public const string CallDurationInstrument = "datapunk.actors.call_duration";
    public const string ActivationsInstrument = "datapunk.actors.activations";
    public const string GrainTypeTag = "grain_type";
    public const string MethodTag = "method";

    public static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, StrongBox> _activations = new(StringComparer.Ordinal);

    public ActorTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>(CallsInstrument, "{call}", "Grain calls handled, by grain type and method.");
        _failures = _meter.CreateCounter<long>(CallFailuresInstrument, "{call}", "Grain calls that ended with an exception.");
        _duration = _meter.CreateHistogram<double>(
            CallDurationInstrument, "ms", "Time from a call's arrival at its silo to its completion.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000, 30000, 60000] });
        _meter.CreateObservableGauge(ActivationsInstrument, ObserveActivations, "{activation}", "Live activations by grain type.");
    }

    internal void ActivationCreated(string grainType) =>
        Interlocked.Increment(ref _activations.GetOrAdd(grainType, static _ => new StrongBox()).Value);

    internal void ActivationStopped(string grainType) =>
        Interlocked.Decrement(ref _activations.GetOrAdd(grainType, static _ => new StrongBox()).Value);

    internal void CallCompleted(ActivationData activation, IncomingCall call)
    {
        call.Activity?.Dispose();
        if (!_calls.Enabled && !_duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { GrainTypeTag, activation.GrainId.Type },
            { MethodTag, call.Request.Method.Name },
        };
        _calls.Add(1, tags);
        if (call.Failed)
        {
            _failures.Add(1, tags);
        }

        _duration.Record(Stopwatch.GetElapsedTime(call.ArrivedTimestamp).TotalMilliseconds, tags);
    }

    /// <summary>Starts the span of a call about to run; null when nobody listens.</summary>
    internal static Activity? StartCallActivity(GrainId target, IncomingCall call)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var method = call.Request.Method;
        var activity = Source.StartActivity($"{method.InterfaceType.Name}/{method.Name}", ActivityKind.Server, call.ParentActivity);
        if (activity is not null)
        {
            activity.SetTag("grain.type", target.Type);
            activity.SetTag("grain.key", target.Key);
            activity.SetTag("grain.method", method.Name);
        }

        return activity;
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveActivations()
    {
        foreach (var (grainType, count) in _activations)
        {
            yield return new Measurement<long>(Volatile.Read(ref count.Value), new KeyValuePair<string, object?>(GrainTypeTag, grainType));
        }
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
