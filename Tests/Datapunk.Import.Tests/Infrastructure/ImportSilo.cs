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
    public static Task<SiloProcess> StartAsync(string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        ImportDatabase.Clusters.Add(clusterId);
        var environment = new Dictionary<string, string>
        {
            // Orleans refuses reminder periods under a minute unless told otherwise.
            ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
            ["Lake__Import__ResumeReminderPeriod"] = "00:00:02",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return DatapunkSilo.StartReadyAsync(
            TestDatabase.ConnectionString, clusterId, Deadlines.SiloStart, TestContext.Current.CancellationToken, environment, gracefulStop: GracefulStop);
    }
}
