namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// A test class with its own fake Spotify and an engine pointed at it, started before each test and
/// stopped after. A connection may send 100 requests per 30 s (Spotify's default here is 10), so a
/// test's several polls of three or more requests each are not held by the quota, which QuotaTests tests.
/// </summary>
public abstract class SpotifyEngineTest : IAsyncLifetime
{
    internal FakeSpotify Spotify { get; private set; } = null!;

    internal StreamEngine Engine { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Spotify = await FakeSpotify.StartAsync();
        Engine = await StreamEngine.StartAsync(Spotify, new Dictionary<string, string> { ["Stream:Providers:spotify:ConnectionRequestsPerWindow"] = "100" });
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Spotify.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
