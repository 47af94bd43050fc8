using Shouldly;

namespace Datapunk.Testing;

/// <summary>
/// Waits for a condition by polling it until a deadline, instead of sleeping for a fixed time; the
/// failure says what was awaited and what was seen last.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Calls <paramref name="probe"/> until its value satisfies <paramref name="done"/> and returns that value.
    /// Only a request that could not connect or timed out is tried again (the process may not listen yet);
    /// any other error ends the wait.
    /// </summary>
    public static Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string awaited, Func<T?, string> describe, TimeSpan timeout,
        CancellationToken cancellationToken, TimeSpan? interval = null) =>
        PollAsync(
            probe,
            done,
            exception => exception is HttpRequestException or TaskCanceledException,
            timeout,
            interval ?? DefaultInterval,
            (last, lastError) =>
                $"Waited {timeout.TotalSeconds:0.#} s for {awaited}; last seen: {(lastError is null ? describe(last) : lastError.Message)}.",
            cancellationToken);

    /// <summary>
    /// Calls <paramref name="condition"/> until it holds. Every error but a failed assertion is tried again
    /// (the database may not have the schema yet), and the last one is named when time runs out.
    /// </summary>
    public static Task UntilAsync(
        Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, Func<string> whatWasAwaited, CancellationToken cancellationToken) =>
        PollAsync(
            condition,
            holds => holds,
            exception => exception is not ShouldAssertException,
            timeout,
            DefaultInterval,
            (_, lastError) =>
                $"Waited {timeout.TotalSeconds:0.#} s for {whatWasAwaited()}" +
                (lastError is null ? "." : $". Last attempt failed: {lastError.GetType().Name}: {lastError.Message}"),
            cancellationToken);

    private static async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, Func<Exception, bool> isTransient, TimeSpan timeout, TimeSpan interval,
        Func<T?, Exception?, string> failure, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        T? last = default;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe(cancellationToken);
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && isTransient(exception))
            {
                lastError = exception;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(failure(last, lastError));
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
