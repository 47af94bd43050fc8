using Datapunk.Testing;

namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// The real Datapunk silo (<c>Silo/bin/Release/net10.0/Datapunk.Silo.dll</c>) as a child process:
/// the import benchmark measures it end to end through its REST gateway, and its memory and CPU from outside.
/// </summary>
internal static class DatapunkSilo
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Starts the silo on free ports with a cluster (and service) of its own, its output in <paramref name="logDirectory"/>,
    /// and waits until its gateway reports ready.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, string logDirectory, CancellationToken cancellationToken)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var silo = SiloProcess.Start("silo", RepositoryPaths.SiloDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Cluster__Id"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Silo__Port"] = Invariant(siloPort),
            ["Silo__GatewayPort"] = Invariant(FreePort.Next()),
            ["Gateway__Port"] = Invariant(gatewayPort),

            // Orleans refuses reminder periods under a minute, and the import's resume reminder defaults to 10 s.
            ["Lake__Import__ResumeReminderPeriod"] = "00:01:00",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        }, siloPort, gatewayPort, logDirectory);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await silo.WaitUntilReadyAsync(http, ReadyTimeout, cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
