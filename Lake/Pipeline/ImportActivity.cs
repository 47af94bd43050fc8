namespace Datapunk.Lake.Pipeline;

/// <summary>
/// The imports running in this process, so that the background work derived from stored data (embeddings,
/// local times, the catalog's refresh, model training) yields the cores and the database to them: a person
/// waiting for an import feels its speed, and a derivation run while an import writes would be run again
/// when it ends anyway. Imports come in series (the parts of a Takeout, then a phone export), so a derivation
/// also waits until none has run for <see cref="ImportPipelineOptions.BackgroundQuietPeriod"/>; it waits at most
/// <see cref="ImportPipelineOptions.BackgroundYieldLimit"/> in all, so back-to-back imports cannot starve it.
/// A derivation already running is not interrupted.
/// </summary>
public sealed class ImportActivity(ImportPipelineOptions options, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private int _running;
    private long _lastEnded = long.MinValue;
    private TaskCompletionSource _quiet = Completed();

    /// <summary>Imports running now.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Marks an import running until the result is disposed.</summary>
    public IDisposable Enter()
    {
        lock (_lock)
        {
            if (_running++ == 0)
            {
                _quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Lease(this);
    }

    /// <summary>
    /// Waits until no import runs and none has ended within the quiet period, or until the yield limit has passed;
    /// returns how long it waited. Cancelling
    /// <paramref name="cancellationToken"/> ends the wait with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<TimeSpan> YieldToImportsAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var waited = false; ; waited = true)
        {
            var left = options.BackgroundYieldLimit - _time.GetElapsedTime(started);
            Task quiet;
            TimeSpan settling;
            lock (_lock)
            {
                quiet = _quiet.Task;
                settling = _lastEnded == long.MinValue ? TimeSpan.Zero : options.BackgroundQuietPeriod - _time.GetElapsedTime(_lastEnded);
            }

            if (left <= TimeSpan.Zero || (quiet.IsCompleted && settling <= TimeSpan.Zero))
            {
                // No import ran lately, or the derivation waited long enough and runs beside them.
                return waited ? _time.GetElapsedTime(started) : TimeSpan.Zero;
            }

            if (!quiet.IsCompleted)
            {
                try
                {
                    await quiet.WaitAsync(left, _time, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // The limit is reached: the next turn of the loop returns.
                }
            }
            else
            {
                await Task.Delay(settling < left ? settling : left, _time, cancellationToken);
            }
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            if (--_running == 0)
            {
                _lastEnded = _time.GetTimestamp();
                _quiet.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class Lease(ImportActivity activity) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                activity.Leave();
            }
        }
    }
}
