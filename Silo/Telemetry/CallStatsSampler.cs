using System.Diagnostics;

namespace Datapunk.Silo.Telemetry;

/// <summary>
/// Samples the runtime's call counters and latency histogram once a second and keeps the last ten
/// samples, so the stats API can report rates over roughly the last ten seconds instead of since start.
/// </summary>
public sealed class CallStatsSampler(MetricsCollector collector) : BackgroundService
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private const int KeptSamples = 10;

    private readonly Queue<CallSample> _samples = new();
    private readonly Lock _samplesLock = new();

    /// <summary>Per grain type, the calls between the oldest kept sample (about ten seconds ago) and now.</summary>
    public IReadOnlyList<GrainCallWindow> CurrentWindow()
    {
        CallSample? oldest;
        lock (_samplesLock)
        {
            oldest = _samples.Count > 0 ? _samples.Peek() : null;
        }

        return TakeSample().Since(oldest);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            var sample = TakeSample();
            lock (_samplesLock)
            {
                _samples.Enqueue(sample);
                while (_samples.Count > KeptSamples)
                {
                    _samples.Dequeue();
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private CallSample TakeSample()
    {
        var timestamp = Stopwatch.GetTimestamp();
        var calls = SumByGrainType(collector.Find(ActorInstrumentNames.Calls));
        var failures = SumByGrainType(collector.Find(ActorInstrumentNames.CallFailures));
        var latency = collector.Find(ActorInstrumentNames.CallDuration);

        var byGrainType = new Dictionary<string, GrainCallTotals>(StringComparer.Ordinal);
        foreach (var (grainType, callCount) in calls)
        {
            var (boundaries, buckets) = LatencyOf(latency, grainType);
            byGrainType[grainType] = new GrainCallTotals(callCount, failures.GetValueOrDefault(grainType), boundaries, buckets);
        }

        return new CallSample(timestamp, byGrainType);
    }

    private static Dictionary<string, long> SumByGrainType(MetricFamily? family)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var point in family?.Points ?? [])
        {
            var grainType = point.GetLabel(ActorInstrumentNames.GrainTypeTag) ?? "";
            sums[grainType] = sums.GetValueOrDefault(grainType) + (long)point.Value;
        }

        return sums;
    }

    /// <summary>The grain type's latency buckets summed over its methods (all share the instrument's boundaries).</summary>
    private static (IReadOnlyList<double> Boundaries, long[] Buckets) LatencyOf(MetricFamily? family, string grainType)
    {
        IReadOnlyList<double> boundaries = [];
        long[] buckets = [0];
        foreach (var point in family?.Points ?? [])
        {
            if (point.Histogram is not { } histogram || point.GetLabel(ActorInstrumentNames.GrainTypeTag) != grainType)
            {
                continue;
            }

            if (boundaries.Count == 0)
            {
                boundaries = histogram.Boundaries;
                buckets = new long[histogram.BucketCounts.Count];
            }

            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += histogram.BucketCounts[i];
            }
        }

        return (boundaries, buckets);
    }
}
