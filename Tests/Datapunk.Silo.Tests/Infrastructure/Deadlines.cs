namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>Polling with a deadline whose failure says what was awaited and what was last seen, instead of fixed sleeps.</summary>
internal static class Deadlines
{
    /// <summary>A silo process starts, migrates and joins in a few seconds; a loaded CI machine gets headroom.</summary>
    public static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>The per-test limit, in milliseconds, for [Fact(Timeout = …)].</summary>
    public const int TestMilliseconds = 90_000;

    /// <summary>Calls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>, or fails after the deadline.</summary>
    public static async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string awaited, Func<T?, string> describe, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? Default;
        var deadline = Stopwatch.StartNew();
        T? last = default;
        Exception? lastError = null;
        while (deadline.Elapsed < limit)
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

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(
            $"Waited {limit.TotalSeconds:0.#} s for {awaited}; last seen: {(lastError is null ? describe(last) : lastError.Message)}.");
    }
}
