namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>How long the import tests wait for silos, imports and the CLI, and how they poll.</summary>
internal static class Deadlines
{
    public static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);

    /// <summary>A small import on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Import = TimeSpan.FromMinutes(3);

    /// <summary>One <c>datapunk</c> CLI command, an import with <c>--wait</c> included.</summary>
    public static readonly TimeSpan Cli = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary><see cref="Poll.UntilAsync{T}"/> every 200 ms (imports take seconds to minutes), with the test's cancellation token.</summary>
    public static Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string awaited, Func<T?, string> describe, TimeSpan timeout) =>
        Poll.UntilAsync(probe, done, awaited, describe, timeout, TestContext.Current.CancellationToken, PollInterval);
}
