using System.Globalization;

namespace Datapunk.Testing;

/// <summary>
/// The real Datapunk silo (<c>dotnet Datapunk.Silo.dll</c>) as a child process on free ports (silo,
/// Orleans client gateway, HTTP gateway, gRPC gateway), in a cluster whose id is also its service id, so that
/// <see cref="TestDatabase.DeleteClusterAsync"/> finds every row it leaves.
/// </summary>
public static class DatapunkSilo
{
    /// <summary>
    /// Starts the silo with <paramref name="settings"/> added to (or replacing) its environment; it is
    /// not waited for (<see cref="SiloProcess.WaitUntilReadyAsync"/> does that). <paramref name="connectionString"/>
    /// is the owner's: the silo logs in with the same server, database and pool as the silos' and the import
    /// writer's roles (<see cref="TestDatabase.SiloLoginConnectionString"/>) and only migrates as the owner.
    /// </summary>
    public static SiloProcess Start(
        string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null,
        string? logDirectory = null, TimeSpan? gracefulStop = null)
    {
        var siloPort = FreePort.Next();
        var clientGatewayPort = FreePort.Next();
        // A test that must know the gateway's address before the silo starts (a public base URL pointing at it) picks the port itself.
        var gatewayPort = settings?.GetValueOrDefault("Gateway__Port") is { } fixedPort ? int.Parse(fixedPort, CultureInfo.InvariantCulture) : FreePort.Next();
        var grpcPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            // The silo logs in as the silos' role and migrates as the owner; its imports write as the import writer's role,
            // users' SQL runs as the workbench's.
            ["ConnectionStrings__Postgres"] = TestDatabase.WithLoginOf(connectionString, TestDatabase.SiloLoginConnectionString),
            ["ConnectionStrings__PostgresOwner"] = connectionString,
            ["ConnectionStrings__PostgresImport"] = TestDatabase.WithLoginOf(connectionString, TestDatabase.ImportLoginConnectionString),
            ["ConnectionStrings__PostgresWorkbench"] = TestDatabase.WithLoginOf(connectionString, TestDatabase.WorkbenchLoginConnectionString),
            ["Cluster__Id"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Silo__Port"] = Invariant(siloPort),
            ["Silo__GatewayPort"] = Invariant(clientGatewayPort),
            ["Gateway__Port"] = Invariant(gatewayPort),
            ["Gateway__GrpcPort"] = Invariant(grpcPort),
            // Uploads go to a spool the cluster's silos share; server-side imports may read the tests'
            // temporary folders (TempFolder) and nothing else.
            ["Spool__Path"] = Path.Combine(TestFolders.Spools, clusterId),
            ["Imports__AllowedRoots__0"] = TestFolders.Root,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            // Every silo of one cluster shares the state folder: the session signing key and the owner's admin token.
            ["State__Path"] = TestState.PathFor(clusterId),
            ["Auth__Bootstrap__CredentialsFile"] = TestState.CredentialsFileFor(clusterId),
            // Tests import, then wait for what is derived: a second of quiet after an import, not the product's ten
            // (a benchmark that measures the product passes its default).
            ["Lake__Import__BackgroundQuietPeriod"] = "00:00:01",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var silo = SiloProcess.Start(
            "silo", RepositoryPaths.SiloDll, environment, siloPort, gatewayPort, logDirectory, gracefulStop, clientGatewayPort, grpcPort);
        silo.CredentialsFile = environment["Auth__Bootstrap__CredentialsFile"];
        return silo;
    }

    /// <summary>Starts the silo and waits until its gateway reports ready; a silo that does not get there is stopped.</summary>
    public static async Task<SiloProcess> StartReadyAsync(
        string connectionString, string clusterId, TimeSpan readyTimeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, string? logDirectory = null, TimeSpan? gracefulStop = null)
    {
        var silo = Start(connectionString, clusterId, settings, logDirectory, gracefulStop);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await silo.WaitUntilReadyAsync(http, readyTimeout, cancellationToken);
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
