namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// The real silo (<c>dotnet Datapunk.Silo.dll</c>) as a separate process, in a cluster of its own
/// (a fresh cluster id) on free ports against the test database; started once for a test class.
/// </summary>
public sealed class SiloProcessFixture : IAsyncLifetime
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(15);

    private SiloProcess? _silo;

    public string ClusterId { get; } = $"silo-tests-{Guid.NewGuid():N}"[..24];

    public int GatewayPort { get; } = FreePort.Next();

    public int SiloPort { get; } = FreePort.Next();

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}/");

    /// <summary>The silo's transport address as it advertises it in the membership table.</summary>
    public string SiloAddress => $"127.0.0.1:{SiloPort}";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>What the silo printed last, for assertion messages.</summary>
    public string OutputTail => _silo?.Describe(40) ?? "(the silo was not started)";

    public async ValueTask InitializeAsync()
    {
        _silo = SiloProcess.Start("silo", RepositoryPaths.SiloDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionString,
            ["Cluster__Id"] = ClusterId,
            ["Gateway__Port"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__Port"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
    }
}
