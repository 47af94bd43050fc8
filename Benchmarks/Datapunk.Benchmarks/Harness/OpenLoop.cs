namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// Open-loop load at a fixed rate: a paced sender issues call i at <c>start + i / rate</c> whether
/// or not earlier calls finished, and each latency is measured from that scheduled time, so a
/// stall is charged to every call it delays (no coordinated omission). The sender wakes about
/// once a millisecond and sends what fell due, so its own lag is part of the numbers; it is
/// reported separately.
/// </summary>
internal sealed class OpenLoop
{
    private readonly LatencyHistogram _latency = new();
    private readonly LatencyHistogram _fromSend = new();
    private readonly LatencyHistogram _senderLag = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _outstanding = 1;
    private long _errors;
    private Exception? _firstError;

    private OpenLoop()
    {
    }

    /// <summary>Issues <paramref name="ratePerSecond"/> calls a second for <paramref name="duration"/>, then waits for the last answers.</summary>
    public static async Task<OpenLoopResult> RunAsync(
        double ratePerSecond, TimeSpan duration, TimeSpan drainTimeout, Func<long, Task> call)
    {
        var loop = new OpenLoop();
        var total = (long)(ratePerSecond * duration.TotalSeconds);
        var before = ResourceSnapshot.Take();
        var sender = new Thread(() => loop.Send(before.Timestamp, ratePerSecond, total, call))
        {
            IsBackground = true,
            Name = "open-loop sender",
            Priority = ThreadPriority.AboveNormal,
        };
        sender.Start();
        await loop._sent.Task;
        loop.Complete();
        await loop._drained.Task.WaitAsync(drainTimeout);
        var after = ResourceSnapshot.Take();
        var issued = loop._latency.Count;
        return new OpenLoopResult(new PhaseResult(issued, loop._errors, loop._firstError, loop._latency, before, after), loop._senderLag, loop._fromSend);
    }

    private void Send(long start, double ratePerSecond, long total, Func<long, Task> call)
    {
        var ticksPerCall = Stopwatch.Frequency / ratePerSecond;
        long next = 0;
        while (next < total)
        {
            var due = Math.Min(total, (long)((Stopwatch.GetTimestamp() - start) / ticksPerCall) + 1);
            for (; next < due; next++)
            {
                var scheduled = start + (long)(next * ticksPerCall);
                var sent = Stopwatch.GetTimestamp();
                _senderLag.Record(sent - scheduled);
                Interlocked.Increment(ref _outstanding);
                Task pending;
                try
                {
                    pending = call(next);
                }
                catch (Exception exception)
                {
                    pending = Task.FromException(exception);
                }

                _ = TrackAsync(pending, scheduled, sent);
            }

            Thread.Sleep(1);
        }

        _sent.TrySetResult();
    }

    private async Task TrackAsync(Task pending, long scheduled, long sent)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _firstError, exception, null);
            Interlocked.Increment(ref _errors);
        }

        var finished = Stopwatch.GetTimestamp();
        _latency.RecordConcurrent(finished - scheduled);
        _fromSend.RecordConcurrent(finished - sent);
        Complete();
    }

    private void Complete()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
