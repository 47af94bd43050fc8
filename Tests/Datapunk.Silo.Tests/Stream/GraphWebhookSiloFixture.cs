using System.Globalization;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// A fake Microsoft Graph and a real silo process whose <c>microsoft</c> provider points at it, polling once an
/// hour, with <c>Stream:PublicBaseUrl</c> set to its own gateway: the fake validates and notifies that address.
/// </summary>
public sealed class GraphWebhookSiloFixture : IAsyncLifetime
{
    private StreamSiloProcess? _silo;

    public FakeMicrosoftGraph Graph { get; private set; } = null!;

    public Uri Gateway => _silo!.Gateway;

    public string OutputTail => _silo?.Describe(60) ?? "(the silo was not started)";

    public async ValueTask InitializeAsync()
    {
        Graph = await FakeMicrosoftGraph.StartAsync();
        var settings = Graph.Settings().ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        // The public base URL names the gateway before the silo starts, so the test picks the gateway's port.
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["Gateway__Port"] = port;
        settings["Stream__PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        settings["Stream__Providers__microsoft__PollInterval"] = "01:00:00";
        _silo = await StreamSiloProcess.StartAsync($"webhook-tests-{Guid.NewGuid():N}"[..24], settings);
    }

    /// <summary>A new user and a gateway client holding its token.</summary>
    public async Task<DatapunkGatewayClient> NewUserAsync(string prefix) => (await _silo!.NewUserAsync(prefix)).Client;

    public async Task<ConnectionStatus> ConnectAsync(DatapunkGatewayClient user, FakeMicrosoftAccount account)
    {
        Graph.SignedInAccount = account.UserPrincipalName;
        return (await _silo!.ConnectAsync(user, "microsoft")).Connected;
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await Graph.DisposeAsync();
    }
}
