using Datapunk.Streams.Connections;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// A test class with its own fake YouTube and an engine pointed at it, started before each test and
/// stopped after; a connection may send 1,000 requests a window (YouTube's default window is a day), so
/// the quota holds no test up.
/// </summary>
public abstract class YouTubeEngineTest : IAsyncLifetime
{
    internal FakeYouTube YouTube { get; private set; } = null!;

    internal StreamEngine Engine { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        YouTube = await FakeYouTube.StartAsync();
        Engine = await StreamEngine.StartAsync(YouTube.Settings(), new Dictionary<string, string>
        {
            ["Stream:Providers:youtube:ConnectionRequestsPerWindow"] = "1000",
            ["Stream:Providers:youtube:RequestsPerWindow"] = "1000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await YouTube.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new Google account of the fake, with a channel unless <paramref name="channelId"/> is given as null.</summary>
    internal FakeYouTubeAccount NewAccount(string? channelId = "") =>
        YouTube.AddAccount($"{Guid.NewGuid():N}"[..10] + "@gmail.com", channelId == "" ? "UC" + Guid.NewGuid().ToString("N")[..20] : channelId);

    /// <summary>A new user who connected a new account of the fake, its subscriptions, playlists and likes given by <paramref name="fill"/> first.</summary>
    internal async Task<(string UserId, FakeYouTubeAccount Account, ConnectionKey Key)> ConnectedAsync(Action<FakeYouTubeAccount> fill)
    {
        var userId = await StreamDatabase.NewAccountAsync("yt");
        var account = NewAccount();
        fill(account);
        YouTube.SignedInAccount = account.Email;
        return (userId, account, (await Authorizations.ConnectAsync(Engine, "youtube", userId)).Key);
    }

    /// <summary>The identities of the user's records of the kind named <paramref name="kind"/>, sorted.</summary>
    internal static Task<List<string>> IdentitiesAsync(string userId, string kind) => UserRows.IdentitiesAsync(userId, kind);

    /// <summary>The API requests sent since <paramref name="before"/> requests.</summary>
    internal List<string> Requests(int before = 0) => [.. YouTube.ApiRequests.Skip(before)];

    /// <summary>A time on 1 March 2026 plus <paramref name="days"/>, as the fake's resources hold them.</summary>
    internal static DateTimeOffset Day(int days) => new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).AddDays(days);
}
