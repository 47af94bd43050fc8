using System.Diagnostics.Metrics;
using Datapunk.Actors.Telemetry;
using Datapunk.Actors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Actors.Tests.Telemetry;

[Collection(SharedSiloCollection.Name)]
public sealed class TelemetryTests(SharedSiloFixture silo)
{
    private static readonly string SequenceType = typeof(ISequenceGrain).FullName!;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallsAreCountedByGrainTypeAndMethod()
    {
        var meterFactory = silo.Silo.Services.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentQueue<(long Value, string? GrainType, string? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            // Only this silo's meter: other test silos in the process publish the same instruments.
            if (instrument is { Name: "datapunk.actors.calls" } && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            measured.Enqueue((value, TagValue(tags, "grain_type"), TagValue(tags, "method"))));
        listener.Start();
        var sequence = silo.Grains.GetGrain<ISequenceGrain>(Random.Shared.NextInt64(1, long.MaxValue));

        for (var i = 0; i < 3; i++)
        {
            await sequence.NextAsync().Within("NextAsync");
        }

        await Deadlines.PollUntilAsync(
            () => measured.Where(m => m.GrainType == SequenceType && m.Method == "NextAsync").Sum(m => m.Value) >= 3,
            $"datapunk.actors.calls to count three NextAsync calls of {SequenceType}",
            () => string.Join(", ", measured));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task EachCallHasOneSpanWithTheGrainTypeKeyAndMethod()
    {
        var numericKey = Random.Shared.NextInt64(1, long.MaxValue);
        var key = KeyText(numericKey);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToRuntimeSpans(span =>
        {
            if (span.GetTagItem("grain.key") as string == key)
            {
                spans.Enqueue(span);
            }
        });
        var sequence = silo.Grains.GetGrain<ISequenceGrain>(numericKey);

        await sequence.NextAsync().Within("NextAsync");
        await sequence.ReserveAsync(5).Within("ReserveAsync");
        await sequence.NextAsync().Within("NextAsync");
        await Deadlines.PollUntilAsync(() => spans.Count >= 3, "a finished span for each of the three calls", () => $"{spans.Count} span(s)");

        spans.Count.ShouldBe(3, "one span per call");
        spans.Select(s => s.GetTagItem("grain.method")).ShouldBe(["NextAsync", "ReserveAsync", "NextAsync"], ignoreOrder: true);
        spans.ShouldAllBe(s => (string?)s.GetTagItem("grain.type") == SequenceType);
        spans.ShouldAllBe(s => s.DisplayName.StartsWith($"{nameof(ISequenceGrain)}/", StringComparison.Ordinal));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task SpanOfALocalCallIsAChildOfTheCallersSpan()
    {
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var sequence = silo.Grains.GetGrain<ISequenceGrain>(key);

        await VerifyCallSpanIsChildAsync(KeyText(key), async () => await sequence.NextAsync());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task SpanOfAStatelessWorkerCallIsAChildOfTheCallersSpan()
    {
        var key = Guid.NewGuid();
        var worker = silo.Grains.GetGrain<IWorkerGrain>(key);
        silo.Probe.OpenGate(key.ToString());

        await VerifyCallSpanIsChildAsync(key.ToString(), worker.WorkAsync);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task SpanOfAClusterClientCallIsAChildOfTheCallersSpan()
    {
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        await using var client = Clients.ConnectTo(silo);
        var sequence = client.GetGrain<ISequenceGrain>(key);

        await VerifyCallSpanIsChildAsync(KeyText(key), async () => await sequence.NextAsync());
    }

    private static async Task VerifyCallSpanIsChildAsync(string grainKey, Func<Task> call)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var source = new ActivitySource($"Datapunk.Actors.Tests.{Guid.NewGuid():N}");
        using var listener = ListenToRuntimeSpans(
            span =>
            {
                if (span.GetTagItem("grain.key") as string == grainKey)
                {
                    spans.Enqueue(span);
                }
            },
            source.Name);

        using var caller = source.StartActivity("caller")!;
        await call().Within("the traced call");
        await Deadlines.PollUntilAsync(() => !spans.IsEmpty, "the span of the traced call", () => "no span");
        var span = spans.Single();

        span.TraceId.ShouldBe(caller.TraceId, "the grain call should continue the caller's trace");
        span.ParentSpanId.ShouldBe(caller.SpanId, "the grain call's span should be a child of the caller's span");
    }

    private static string KeyText(long key) => key.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ActivityListener ListenToRuntimeSpans(Action<Activity> stopped, string? alsoSample = null)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ActorTelemetry.ActivitySourceName || source.Name == alsoSample,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string? TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
