namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// Waits for a condition by polling it until a deadline; the failure says what was awaited and what
/// was seen last. Errors are retried (the database may not have the schema yet), failed assertions end the wait.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(
        Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, Func<string> whatWasAwaited, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        Exception? lastFailure = null;
        while (true)
        {
            try
            {
                if (await condition(cancellationToken))
                {
                    return;
                }

                lastFailure = null;
            }
            catch (Exception exception) when (exception is not ShouldAssertException
                && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                lastFailure = exception;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds:0.#} s for {whatWasAwaited()}" +
                    (lastFailure is null ? "." : $". Last attempt failed: {lastFailure.GetType().Name}: {lastFailure.Message}"));
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
