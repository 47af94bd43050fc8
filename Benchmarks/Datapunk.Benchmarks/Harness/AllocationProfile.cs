using System.Diagnostics.Tracing;

namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// Which types a phase allocates, from the runtime's allocation sampling (one GCAllocationTick
/// event per ~100 KB allocated, naming the type that crossed the threshold). Enabled with
/// --alloc-profile; it costs a little throughput, so its phases are not for the record.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const int AllocationTickEventId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytesByType.Clear();
        _recording = true;
    }

    /// <summary>Stops recording (after the last events arrived) and returns the top types with their estimated bytes.</summary>
    public async Task<IReadOnlyList<(string Type, long Bytes)>> StopAsync(int top)
    {
        // Runtime events reach in-process listeners with a delay of up to about a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        _recording = false;
        return [.. _bytesByType.OrderByDescending(entry => entry.Value).Take(top).Select(entry => (entry.Key, entry.Value))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = names.IndexOf("AllocationAmount64");
        var bytes = amountIndex >= 0 ? Convert.ToInt64(payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, bytes, (_, total) => total + bytes);
    }
}
