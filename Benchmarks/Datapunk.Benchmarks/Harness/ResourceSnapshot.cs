namespace Datapunk.Benchmarks.Harness;

/// <summary>What this process had used up at one instant: time, CPU, allocations and collections.</summary>
internal readonly record struct ResourceSnapshot(long Timestamp, TimeSpan ProcessorTime, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static ResourceSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ResourceSnapshot(
            Stopwatch.GetTimestamp(),
            process.TotalProcessorTime,
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }
}
