using System.Globalization;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// A fake Microsoft Graph and a fake Google Calendar, and a real silo process whose <c>microsoft</c> and
/// <c>google-calendar</c> providers point at them, polling once an hour, with <c>Stream:PublicBaseUrl</c> set to its
/// own gateway: the fakes validate and notify that address.
/// </summary>
public sealed class WebhookSiloFixture : IAsyncLifetime
{
    private StreamSiloProcess? _silo;

    public FakeMicrosoftGraph Graph { get; private set; } = null!;

    public FakeGoogleCalendar Calendar { get; private set; } = null!;

    public Uri Gateway => _silo!.Gateway;

    public string OutputTail => _silo?.Describe(60) ?? "(the silo was not started)";

    public async ValueTask InitializeAsync()
    {
        Graph = await FakeMicrosoftGraph.StartAsync();
        Calendar = await FakeGoogleCalendar.StartAsync();
        var settings = Graph.Settings().Concat(Calendar.Settings()).ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        // The public base URL names the gateway before the silo starts, so the test picks the gateway's port.
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["Gateway__Port"] = port;
        settings["Stream__PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        settings["Stream__Providers__microsoft__PollInterval"] = "01:00:00";
        settings["Stream__Providers__google-calendar__PollInterval"] = "01:00:00";
        _silo = await StreamSiloProcess.StartAsync($"webhook-tests-{Guid.NewGuid():N}"[..24], settings);
    }

    /// <summary>A new user, its token and a gateway client holding it.</summary>
    public Task<(string Name, string Token, DatapunkGatewayClient Client)> NewUserAsync(string prefix) => _silo!.NewUserAsync(prefix);

    public async Task<ConnectionStatus> ConnectAsync(DatapunkGatewayClient user, FakeMicrosoftAccount account)
    {
        Graph.SignedInAccount = account.UserPrincipalName;
        return (await _silo!.ConnectAsync(user, "microsoft")).Connected;
    }

    public async Task<ConnectionStatus> ConnectAsync(DatapunkGatewayClient user, FakeGoogleCalendarAccount account)
    {
        Calendar.SignedInAccount = account.Email;
        return (await _silo!.ConnectAsync(user, "google-calendar")).Connected;
    }

    /// <summary>Waits for the user's one connection's first poll (which subscribes) to end.</summary>
    public Task FirstPollAsync(DatapunkGatewayClient user) => Poll.UntilAsync(
        async token => (await user.ListConnectionsAsync(token)).Single(),
        connection => connection.Polls >= 1 && connection.Status == "connected",
        "the connection's first poll", connection => $"{connection}\n{OutputTail}", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await Graph.DisposeAsync();
        await Calendar.DisposeAsync();
    }
}
