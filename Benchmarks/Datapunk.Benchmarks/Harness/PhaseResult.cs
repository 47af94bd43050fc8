namespace Datapunk.Benchmarks.Harness;

/// <summary>The outcome of one measured phase: completed operations, their latencies and what they cost.</summary>
internal sealed class PhaseResult(long operations, long errors, Exception? firstError, LatencyHistogram latency, ResourceSnapshot before, ResourceSnapshot after)
{
    public long Operations { get; } = operations;

    public long Errors { get; } = errors;

    public Exception? FirstError { get; } = firstError;

    public LatencyHistogram Latency { get; } = latency;

    public TimeSpan Elapsed { get; } = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp);

    /// <summary>CPU time of other processes that took part (a second silo), added by the caller.</summary>
    public TimeSpan OtherProcessorTime { get; set; }

    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double P50Microseconds => Latency.PercentileMicroseconds(50);

    public double P99Microseconds => Latency.PercentileMicroseconds(99);

    /// <summary>Bytes allocated in this process per operation (silo, callers and harness together).</summary>
    public double AllocatedBytesPerOperation => Operations == 0 ? double.NaN : (after.AllocatedBytes - before.AllocatedBytes) / (double)Operations;

    /// <summary>CPU time of this process (and <see cref="OtherProcessorTime"/>) per operation, in microseconds.</summary>
    public double CpuMicrosecondsPerOperation => Operations == 0
        ? double.NaN
        : (after.ProcessorTime - before.ProcessorTime + OtherProcessorTime).TotalMicroseconds / Operations;

    public string Collections => $"gen0 {after.Gen0 - before.Gen0}, gen1 {after.Gen1 - before.Gen1}, gen2 {after.Gen2 - before.Gen2}";

    /// <summary>One line for the console: rate, then <see cref="Details"/>.</summary>
    public string Describe(string unit) =>
        $"{Format.Rate(PerSecond)} {unit}/s, {Operations:N0} in {Elapsed.TotalSeconds:0.0} s, {Details()}";

    /// <summary>Latency, allocations, CPU, collections and errors, for the console and the results file.</summary>
    public string Details() =>
        $"p50 {Format.Micros(P50Microseconds)}, p99 {Format.Micros(P99Microseconds)}, " +
        $"{AllocatedBytesPerOperation:0} B/op allocated, {CpuMicrosecondsPerOperation:0.00} µs CPU/op, {Collections}" +
        (Errors == 0 ? "" : $", {Errors:N0} ERRORS (first: {FirstError?.GetType().Name}: {FirstError?.Message})");
}
