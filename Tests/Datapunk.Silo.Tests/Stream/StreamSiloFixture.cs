using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>A fake Spotify and a real silo process whose Spotify provider points at it (<c>Stream:Providers:spotify:*</c>).</summary>
public sealed class StreamSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    public string ClusterId { get; } = $"stream-tests-{Guid.NewGuid():N}"[..24];

    public FakeSpotify Spotify { get; private set; } = null!;

    public Uri Gateway => _silo!.Gateway;

    /// <summary>The silo's gRPC gateway.</summary>
    public Uri Grpc => _silo!.Grpc;

    public string OutputTail => _silo?.Describe(40) ?? "(the silo was not started)";

    public async ValueTask InitializeAsync()
    {
        Spotify = await FakeSpotify.StartAsync();
        var settings = Spotify.Settings("Stream__Providers__spotify__");
        settings["RateLimits__Anonymous"] = "6000";
        _silo = DatapunkSilo.Start(TestDatabase.ConnectionStringForSilo(maxPoolSize: 10), ClusterId, settings, gracefulStop: TimeSpan.FromSeconds(15));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await _silo.WaitUntilReadyAsync(http, Deadlines.SiloStart, CancellationToken.None);
    }

    /// <summary>A new user, its token and a gateway client holding it.</summary>
    public async Task<(string Name, string Token, DatapunkGatewayClient Client)> NewUserAsync(string prefix)
    {
        using var admin = new DatapunkGatewayClient(Gateway, _silo!.AdminToken);
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var created = await admin.CreateUserAsync(new NewUser(name), TestContext.Current.CancellationToken);
        return (name, created.Token, new DatapunkGatewayClient(Gateway, created.Token, TimeSpan.FromSeconds(40)));
    }

    /// <summary>The browser's part: open the authorize URL the API gave, follow the provider's redirect to the gateway's callback.</summary>
    public async Task<(ConnectionStatus Connected, Uri Callback)> ConnectAsync(DatapunkGatewayClient user, string accountId)
    {
        var cancel = TestContext.Current.CancellationToken;
        Spotify.SignedInAccount = accountId;
        var start = await user.StartConnectionAsync("spotify", cancel);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorize = await browser.GetAsync(start.AuthorizeUrl, cancel);
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = authorize.Headers.Location.ShouldNotBeNull();
        callback.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(Gateway, "api/v1/connections/callback").ToString());
        using var completed = await browser.GetAsync(callback, cancel);
        var body = await completed.Content.ReadAsStringAsync(cancel);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, body + "\n" + OutputTail);
        return (JsonSerializer.Deserialize<ConnectionStatus>(body, JsonSerializerOptions.Web)!, callback);
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await Spotify.DisposeAsync();
        await using var database = new TestDatabase("datapunk-silo-tests", maxPoolSize: 1);
        await database.DeleteClusterAsync(ClusterId, CancellationToken.None);
    }
}
