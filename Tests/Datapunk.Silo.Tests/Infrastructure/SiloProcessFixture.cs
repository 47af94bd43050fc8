using Datapunk.Client;
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

    /// <summary>The HTTP gateway's port: REST API, health, /metrics and /dashboard.</summary>
    public int GatewayPort => Running.GatewayPort!.Value;

    /// <summary>Orleans' client gateway, which cluster clients connect to.</summary>
    public int OrleansGatewayPort => Running.ClientGatewayPort!.Value;

    public Uri Gateway => Running.Gateway;

    /// <summary>The owner's admin token, which the silo wrote on start.</summary>
    public string AdminToken => Running.AdminToken;

    /// <summary>The credentials file holding <see cref="AdminToken"/>, for the CLI.</summary>
    public string CredentialsFile => Running.CredentialsFile!;

    /// <summary>A gateway client authenticated as the owner.</summary>
    public DatapunkGatewayClient AdminClient() => new(Gateway, AdminToken);

    /// <summary>The silo's endpoint as the membership table shows it, before the <c>@generation</c>.</summary>
    public string SiloEndpoint => Running.Address;

    /// <summary>An HTTP client that sends the owner's admin token (once the silo is ready).</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>What the silo printed last, for assertion messages.</summary>
    public string OutputTail => _silo?.Describe(40) ?? "(the silo was not started)";

    private SiloProcess Running => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async ValueTask InitializeAsync()
    {
        _silo = DatapunkSilo.Start(TestDatabase.ConnectionStringForSilo(maxPoolSize: 10), ClusterId, gracefulStop: GracefulStop);
        await _silo.WaitUntilReadyAsync(Http, Deadlines.SiloStart, CancellationToken.None);
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
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
