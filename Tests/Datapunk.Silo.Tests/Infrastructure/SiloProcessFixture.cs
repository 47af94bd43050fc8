using System.Globalization;

namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// The real silo (<c>dotnet Datapunk.Silo.dll</c>) as a separate process, in a cluster and service of
/// its own (fresh ids) on free ports against the test database; started once for the collection.
/// </summary>
public sealed class SiloProcessFixture : IAsyncLifetime
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(15);

    private SiloProcess? _silo;

    /// <summary>Also the service id, so <see cref="TestDatabase.DeleteClusterAsync"/> finds the grain state and reminders.</summary>
    public string ClusterId { get; } = $"silo-tests-{Guid.NewGuid():N}"[..24];

    /// <summary>The HTTP gateway: REST API, health, /metrics and /dashboard.</summary>
    public int GatewayPort { get; } = FreePort.Next();

    public int SiloPort { get; } = FreePort.Next();

    /// <summary>Orleans' client gateway, which cluster clients connect to.</summary>
    public int OrleansGatewayPort { get; } = FreePort.Next();

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}/");

    /// <summary>The silo's endpoint as the membership table shows it, before the <c>@generation</c>.</summary>
    public string SiloEndpoint => $"127.0.0.1:{SiloPort}";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>What the silo printed last, for assertion messages.</summary>
    public string OutputTail => _silo?.Describe(40) ?? "(the silo was not started)";

    public async ValueTask InitializeAsync()
    {
        _silo = SiloProcess.Start("silo", RepositoryPaths.SiloDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionStringForSilo(maxPoolSize: 10),
            ["Cluster__Id"] = ClusterId,
            ["Cluster__ServiceId"] = ClusterId,
            ["Gateway__Port"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__Port"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = OrleansGatewayPort.ToString(CultureInfo.InvariantCulture),
            // Orleans refuses reminder periods under its one-minute minimum, and the import's resume
            // reminder registers with this period when an import starts.
            ["Lake__Import__ResumeReminderPeriod"] = "00:01:00",
        }, SiloPort, GatewayPort, gracefulStop: GracefulStop);
        await _silo.WaitUntilReadyAsync(Http, Deadlines.SiloStart, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await using var database = new TestDatabase("datapunk-silo-tests", maxPoolSize: 1);
        await database.DeleteClusterAsync(ClusterId, CancellationToken.None);
    }
}
