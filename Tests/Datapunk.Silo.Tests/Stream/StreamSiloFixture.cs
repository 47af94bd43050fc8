using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>A fake Spotify and a real silo process whose Spotify provider points at it (<c>Stream:Providers:spotify:*</c>).</summary>
public sealed class StreamSiloFixture : IAsyncLifetime
{
    private StreamSiloProcess? _silo;

    public string ClusterId { get; } = $"stream-tests-{Guid.NewGuid():N}"[..24];

    public FakeSpotify Spotify { get; private set; } = null!;

    public Uri Gateway => _silo!.Gateway;

    /// <summary>The silo's gRPC gateway.</summary>
    public Uri Grpc => _silo!.Grpc;

    public string OutputTail => _silo?.Describe(40) ?? "(the silo was not started)";

    public async ValueTask InitializeAsync()
    {
        Spotify = await FakeSpotify.StartAsync();
        _silo = await StreamSiloProcess.StartAsync(ClusterId, Spotify.Settings("Stream__Providers__spotify__"));
    }

    /// <summary>A new user, its token and a gateway client holding it.</summary>
    public Task<(string Name, string Token, DatapunkGatewayClient Client)> NewUserAsync(string prefix) => _silo!.NewUserAsync(prefix);

    /// <summary>The browser's part: open the authorize URL the API gave, follow the provider's redirect to the gateway's callback.</summary>
    public Task<(ConnectionStatus Connected, Uri Callback)> ConnectAsync(DatapunkGatewayClient user, string accountId)
    {
        Spotify.SignedInAccount = accountId;
        return _silo!.ConnectAsync(user, "spotify");
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await Spotify.DisposeAsync();
    }
}
