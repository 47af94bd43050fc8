namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>Polling with a deadline whose failure says what was awaited and what was last seen, instead of fixed sleeps.</summary>
internal static class Deadlines
{
    public static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);

    /// <summary>A small import on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Import = TimeSpan.FromMinutes(3);

    public static async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string awaited, Func<T?, string> describe, TimeSpan timeout)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var deadline = Stopwatch.StartNew();
        T? last = default;
        Exception? lastError = null;
        while (deadline.Elapsed < timeout)
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
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = exception;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException(
            $"Waited {timeout.TotalSeconds:0.#} s for {awaited}; last seen: {(lastError is null ? describe(last) : lastError.Message)}.");
    }
}
