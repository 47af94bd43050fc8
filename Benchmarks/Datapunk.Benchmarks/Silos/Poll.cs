namespace Datapunk.Benchmarks.Silos;

/// <summary>Polls a condition with a deadline; the failure says what was awaited and what was seen.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> awaited, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {awaited()}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
