namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>How long the end-to-end tests wait for the silo process, its endpoints, the CLI and Prometheus.</summary>
internal static class Deadlines
{
    /// <summary>A silo process starts, migrates and joins in a few seconds; a loaded CI machine gets headroom.</summary>
    public static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(60);

    /// <summary>An endpoint showing what a test just did (cluster status, dashboard, metrics).</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>A small import from start to Completed.</summary>
    public static readonly TimeSpan Import = TimeSpan.FromSeconds(60);

    /// <summary>Prometheus starting, scraping at a 1 s interval and answering a query with the scraped series.</summary>
    public static readonly TimeSpan Prometheus = TimeSpan.FromSeconds(45);

    /// <summary>One <c>datapunk</c> CLI command.</summary>
    public static readonly TimeSpan Cli = TimeSpan.FromSeconds(60);

    /// <summary>The per-test limit, in milliseconds, for [Fact(Timeout = …)].</summary>
    public const int TestMilliseconds = 90_000;

    /// <summary>The limit for the Prometheus test: an import and Prometheus' start come on top of the usual waits.</summary>
    public const int PrometheusTestMilliseconds = 150_000;
}
