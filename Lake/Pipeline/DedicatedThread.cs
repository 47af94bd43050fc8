using System.Collections.Concurrent;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Runs an async function on a thread of its own, with a synchronization context that brings
/// every continuation back to that thread. The import's reader runs here: it is CPU-bound and
/// blocks when the merges fall behind (format readers call a synchronous sink), neither of which
/// should happen on the thread pool that serves grain turns and HTTP requests.
/// </summary>
internal static class DedicatedThread
{
    public static Task<T> RunAsync<T>(string name, Func<Task<T>> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var context = new PumpContext();
            SynchronizationContext.SetSynchronizationContext(context);
            Task<T> task;
            try
            {
                task = work();
            }
            catch (Exception exception)
            {
                task = Task.FromException<T>(exception);
            }

            task.ContinueWith(_ => context.Complete(), TaskScheduler.Default);
            context.RunUntilComplete();
            if (task.IsCanceled)
            {
                completion.TrySetCanceled();
            }
            else if (task.Exception is { } failure)
            {
                completion.TrySetException(failure.InnerExceptions);
            }
            else
            {
                completion.TrySetResult(task.Result);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        // UnsafeStart: the caller's execution context (a grain's call chain) must not follow the import.
        thread.UnsafeStart();
        return completion.Task;
    }

    private sealed class PumpContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                _queue.Add((d, state));
            }
            catch (InvalidOperationException)
            {
                // The work finished; a late continuation (a timer of a disposed stream) runs on the pool instead.
                ThreadPool.QueueUserWorkItem(_ => d(state));
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("The import thread does not take synchronous sends.");

        public override SynchronizationContext CreateCopy() => this;

        public void Complete() => _queue.CompleteAdding();

        public void RunUntilComplete()
        {
            // Not disposed afterwards: a late Post must still find the collection (completed) to fall back to the pool.
            foreach (var (callback, state) in _queue.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}
