namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>Awaiting with a deadline whose failure says what was awaited, instead of hanging the run.</summary>
internal static class Deadlines
{
    /// <summary>Long enough for a loaded machine, short enough that a hang fails well within the test's own timeout.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>The per-test limit, in milliseconds, for [Fact(Timeout = …)].</summary>
    public const int TestMilliseconds = 60_000;

    public static async Task<T> Within<T>(this Task<T> task, string awaited, TimeSpan? timeout = null)
    {
        await ((Task)task).Within(awaited, timeout);
        return await task;
    }

    public static async Task Within(this Task task, string awaited, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Default;
        try
        {
            await task.WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {awaited}; it had not completed.");
        }
    }

    public static Task<T> Within<T>(this ValueTask<T> task, string awaited, TimeSpan? timeout = null) => task.AsTask().Within(awaited, timeout);

    public static Task Within(this ValueTask task, string awaited, TimeSpan? timeout = null) => task.AsTask().Within(awaited, timeout);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after the deadline naming what was awaited and what was last seen.</summary>
    public static async Task PollUntilAsync(Func<bool> condition, string awaited, Func<string> lastSeen, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Default;
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {awaited}; last seen: {lastSeen()}.");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits on the probe with the test's cancellation token and the default deadline.</summary>
    public static Task WaitForAsync(this GrainProbe probe, string subject, string kind, int count, TimeSpan? timeout = null) =>
        probe.WaitForAsync(subject, kind, count, timeout ?? Default, TestContext.Current.CancellationToken);

    public static Task WaitUntilAsync(
        this GrainProbe probe, string subject, Func<IReadOnlyList<ProbeEvent>, bool> condition, string awaited, TimeSpan? timeout = null) =>
        probe.WaitUntilAsync(subject, condition, awaited, timeout ?? Default, TestContext.Current.CancellationToken);
}
