namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>A test class with its own fake Spotify and an engine pointed at it, started before each test and stopped after.</summary>
public abstract class SpotifyEngineTest : IAsyncLifetime
{
    internal FakeSpotify Spotify { get; private set; } = null!;

    internal StreamEngine Engine { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Spotify = await FakeSpotify.StartAsync();
        Engine = await StreamEngine.StartAsync(Spotify);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Spotify.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
