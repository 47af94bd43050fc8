using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// The real silo process the Stream fixtures start, with the settings that point a provider at a fake, and what
/// their tests ask of it: new users with a gateway client, the output's tail, and the cluster's rows removed at the end.
/// </summary>
public sealed class StreamSiloProcess : IAsyncDisposable
{
    private readonly SiloProcess _silo;
    private readonly string _clusterId;

    private StreamSiloProcess(SiloProcess silo, string clusterId) => (_silo, _clusterId) = (silo, clusterId);

    public Uri Gateway => _silo.Gateway;

    public Uri Grpc => _silo.Grpc;

    public static async Task<StreamSiloProcess> StartAsync(string clusterId, Dictionary<string, string> settings)
    {
        settings["RateLimits__Anonymous"] = "6000";
        var silo = new StreamSiloProcess(
            DatapunkSilo.Start(TestDatabase.ConnectionStringForSilo(maxPoolSize: 10), clusterId, settings, gracefulStop: TimeSpan.FromSeconds(15)), clusterId);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await silo._silo.WaitUntilReadyAsync(http, Deadlines.SiloStart, CancellationToken.None);
        return silo;
    }

    public string Describe(int lines) => _silo.Describe(lines);

    /// <summary>A new user, its token and a gateway client holding it.</summary>
    public async Task<(string Name, string Token, DatapunkGatewayClient Client)> NewUserAsync(string prefix)
    {
        using var admin = new DatapunkGatewayClient(Gateway, _silo.AdminToken);
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var created = await admin.CreateUserAsync(new NewUser(name), TestContext.Current.CancellationToken);
        return (name, created.Token, new DatapunkGatewayClient(Gateway, created.Token, TimeSpan.FromSeconds(40)));
    }

    /// <summary>
    /// The browser's part of connecting an account of <paramref name="provider"/> (the fake signs in whom the fixture
    /// set): open the authorize URL the API gave, follow the provider's redirect to the gateway's callback.
    /// </summary>
    public async Task<(ConnectionStatus Connected, Uri Callback)> ConnectAsync(DatapunkGatewayClient user, string provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        var start = await user.StartConnectionAsync(provider, cancel);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorize = await browser.GetAsync(start.AuthorizeUrl, cancel);
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = authorize.Headers.Location.ShouldNotBeNull();
        callback.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(Gateway, "api/v1/connections/callback").ToString());
        using var completed = await browser.GetAsync(callback, cancel);
        var body = await completed.Content.ReadAsStringAsync(cancel);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, body + "\n" + Describe(40));
        return (JsonSerializer.Deserialize<ConnectionStatus>(body, JsonSerializerOptions.Web)!, callback);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await using var database = new TestDatabase("datapunk-silo-tests", maxPoolSize: 1);
        await database.DeleteClusterAsync(_clusterId, CancellationToken.None);
    }
}
