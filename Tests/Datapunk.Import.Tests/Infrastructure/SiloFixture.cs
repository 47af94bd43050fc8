using Datapunk.Client;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>One real silo process in a cluster of its own, shared by a test collection; each test uses fresh user names.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    public string ClusterId { get; } = $"import-tests-{Guid.NewGuid():N}"[..26];

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public Uri Gateway => Silo.Gateway;

    public string OutputTail => Silo.Describe(40);

    /// <summary>A client with the owner's admin token, which acts for the test's user (<see cref="DatapunkGatewayClient.ActAs"/>).</summary>
    public DatapunkGatewayClient NewClient() => new(Gateway, Silo.AdminToken, TimeSpan.FromSeconds(30));

    /// <summary>The credentials file with the owner's admin token, for the CLI.</summary>
    public string CredentialsFile => Silo.CredentialsFile!;

    public async ValueTask InitializeAsync() =>
        _silo = await ImportSilo.StartAsync(ClusterId, new Dictionary<string, string>
        {
            // Small chunks, so the small test Takeouts still exercise several merges per entry.
            ["Lake__Import__Chunking__LocationRows"] = "5000",
            ["Lake__Import__Chunking__RecordRows"] = "500",
        });

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
