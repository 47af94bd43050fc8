using System.Globalization;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// The real silo (<c>dotnet Datapunk.Silo.dll</c>) as a child process against the test database,
/// with a short resume reminder so a killed silo's imports move to another one within seconds.
/// </summary>
internal static class ImportSilo
{
    /// <summary>How long a disposed silo gets to shut down cleanly after SIGTERM before it is killed.</summary>
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(15);

    /// <summary>Starts a silo of <paramref name="clusterId"/>, with <paramref name="settings"/> added to its environment, and waits until it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        ImportDatabase.Clusters.Add(clusterId);
        var gatewayPort = FreePort.Next();
        var siloPort = FreePort.Next();
        var clientGatewayPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionString,
            ["Cluster__Id"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Gateway__Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__Port"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = clientGatewayPort.ToString(CultureInfo.InvariantCulture),
            // Orleans refuses reminder periods under a minute unless told otherwise.
            ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
            ["Lake__Import__ResumeReminderPeriod"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var silo = SiloProcess.Start("silo", RepositoryPaths.SiloDll, environment, siloPort, gatewayPort, gracefulStop: GracefulStop, clientGatewayPort: clientGatewayPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await silo.WaitUntilReadyAsync(http, Deadlines.SiloStart, TestContext.Current.CancellationToken);
        return silo;
    }
}
