using System.Runtime.CompilerServices;

namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// Closed-loop load: <c>concurrency</c> caller loops, each awaiting its call before making the
/// next, so the offered load adapts to what the system serves. Measures max throughput; its
/// latencies are those of a saturated system, not of a given load (see <see cref="OpenLoop"/>).
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Runs the loops for <paramref name="duration"/>; <paramref name="call"/> gets the loop index and its iteration.</summary>
    public static async Task<PhaseResult> RunForAsync(int concurrency, TimeSpan duration, Func<int, long, Task> call)
    {
        var loops = new LoopState[concurrency];
        var before = ResourceSnapshot.Take();
        var end = before.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            loops[i] = new LoopState();
            tasks[i] = RunLoopAsync(i, loops[i], end, call);
        }

        await Task.WhenAll(tasks);
        return Merge(loops, before, ResourceSnapshot.Take());
    }

    /// <summary>Runs exactly <paramref name="total"/> calls spread over the loops; <paramref name="call"/> gets the call's number.</summary>
    public static async Task<PhaseResult> RunCountAsync(int concurrency, long total, Func<long, Task> call)
    {
        var loops = new LoopState[concurrency];
        var next = new StrongBox<long>(-1);
        var before = ResourceSnapshot.Take();
        var tasks = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            loops[i] = new LoopState();
            tasks[i] = RunCountLoopAsync(loops[i], next, total, call);
        }

        await Task.WhenAll(tasks);
        return Merge(loops, before, ResourceSnapshot.Take());
    }

    private static async Task RunLoopAsync(int loop, LoopState state, long end, Func<int, long, Task> call)
    {
        // Leave the starting thread at once so that every loop starts before the first ones finish.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        long iteration = 0;
        while (started < end)
        {
            try
            {
                await call(loop, iteration);
            }
            catch (Exception exception)
            {
                state.Fail(exception);
            }

            var finished = Stopwatch.GetTimestamp();
            state.Latency.Record(finished - started);
            started = finished;
            iteration++;
        }

        state.Operations = iteration;
    }

    private static async Task RunCountLoopAsync(LoopState state, StrongBox<long> next, long total, Func<long, Task> call)
    {
        await Task.Yield();
        long number;
        while ((number = Interlocked.Increment(ref next.Value)) < total)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await call(number);
            }
            catch (Exception exception)
            {
                state.Fail(exception);
            }

            state.Latency.Record(Stopwatch.GetTimestamp() - started);
            state.Operations++;
        }
    }

    private static PhaseResult Merge(LoopState[] loops, ResourceSnapshot before, ResourceSnapshot after)
    {
        var latency = new LatencyHistogram();
        long operations = 0, errors = 0;
        Exception? firstError = null;
        foreach (var loop in loops)
        {
            latency.Add(loop.Latency);
            operations += loop.Operations;
            errors += loop.Errors;
            firstError ??= loop.FirstError;
        }

        return new PhaseResult(operations, errors, firstError, latency, before, after);
    }

    private sealed class LoopState
    {
        public LatencyHistogram Latency { get; } = new();

        public long Operations { get; set; }

        public long Errors { get; private set; }

        public Exception? FirstError { get; private set; }

        public void Fail(Exception exception)
        {
            Errors++;
            FirstError ??= exception;
        }
    }
}
