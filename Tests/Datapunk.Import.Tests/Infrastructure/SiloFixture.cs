using Datapunk.Client;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>One real silo process in a cluster of its own, shared by a test collection; each test uses fresh user names.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>The most bytes one user's uploads may hold in this silo's spool.</summary>
    public const long MaxUserBytes = 64L << 20;

    public string ClusterId { get; } = $"import-tests-{Guid.NewGuid():N}"[..26];

    /// <summary>The spool the silo writes uploads to (DatapunkSilo gives each cluster one).</summary>
    public string SpoolPath => Path.Combine(TestFolders.Spools, ClusterId);

    /// <summary>A new member of the cluster and a client that calls as that member.</summary>
    public Task<HttpClient> NewMemberAsync(string userName) => SiloUsers.NewMemberAsync(Gateway, ClusterId, userName);

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public Uri Gateway => Silo.Gateway;

    public string OutputTail => Silo.Describe(40);

    /// <summary>A client with the owner's admin token, which acts for the test's user (<see cref="DatapunkGatewayClient.ActAs"/>).</summary>
    public DatapunkGatewayClient NewClient() => new(Gateway, Silo.AdminToken, TimeSpan.FromSeconds(30));

    /// <summary>The credentials file with the owner's admin token, for the CLI.</summary>
    public string CredentialsFile => Silo.CredentialsFile!;

    /// <summary>A gateway client with the owner's admin token acting for <paramref name="userName"/> (created if missing), as the CLI's --user does.</summary>
    public async Task<DatapunkGatewayClient> NewClientAsync(string userName)
    {
        var client = NewClient();
        await client.EnsureUserAsync(userName, TestContext.Current.CancellationToken);
        client.ActAs(userName);
        return client;
    }

    public async ValueTask InitializeAsync() =>
        _silo = await ImportSilo.StartAsync(ClusterId, new Dictionary<string, string>
        {
            // Small chunks, so the small test Takeouts still exercise several merges per entry.
            ["Lake__Import__Chunking__LocationRows"] = "5000",
            ["Lake__Import__Chunking__RecordRows"] = "500",
            // Uploads: offsets recorded every 64 KB, a stalled writer's lease gone in 2 s, expired uploads swept every second,
            // and a small spool per user so that the size limit can be met.
            ["Spool__CheckpointBytes"] = "65536",
            ["Spool__WriterLease"] = "00:00:02",
            ["Spool__SweepInterval"] = "00:00:01",
            ["Spool__MaxUserBytes"] = MaxUserBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
