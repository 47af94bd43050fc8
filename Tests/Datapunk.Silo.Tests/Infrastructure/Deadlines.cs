namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>How long the end-to-end tests wait for the silo process, its endpoints and the CLI.</summary>
internal static class Deadlines
{
    /// <summary>A silo process starts, migrates and joins in a few seconds; a loaded CI machine gets headroom.</summary>
    public static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(60);

    /// <summary>An endpoint showing what a test just did (metrics, dashboard, stats).</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>One <c>datapunk</c> CLI command.</summary>
    public static readonly TimeSpan Cli = TimeSpan.FromSeconds(60);

    /// <summary>The per-test limit, in milliseconds, for [Fact(Timeout = …)].</summary>
    public const int TestMilliseconds = 90_000;
}
