using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// YouTube Data API v3 (docs/sources.md): the account is the channel of <c>GET channels?mine=true</c>
/// (<see cref="YouTubeChannel"/>); a poll reads the subscriptions and the liked videos when they changed
/// (<see cref="YouTubeListSweep"/>) and the items of the playlists that changed
/// (<see cref="YouTubePlaylistsSweep"/>). Watch and search history are not offered by the API: they come
/// from the Takeout import.
/// </summary>
public sealed class YouTubeProvider : IStreamProvider
{
    public const string ProviderName = "youtube";

    /// <summary>The lineage source of polled pages (<c>imports.files.source</c>) and the namespace of the records' identities.</summary>
    internal const string Source = "youtube-api";

    /// <summary>The name people know it by, which errors about its answers use too.</summary>
    internal const string ProviderTitle = "YouTube";

    private static readonly YouTubeListSweep.Kind Subscriptions = new(
        "subscriptions", "subscriptions?part=snippet&mine=true&maxResults=50", YouTubeSubscription.FormatId, YouTubeSubscription.Record);

    private static readonly YouTubeListSweep.Kind Likes = new(
        "likes", "videos?part=snippet&myRating=like&maxResults=50", YouTubeLike.FormatId, YouTubeLike.Record);

    public string Name => ProviderName;

    public string Title => ProviderTitle;

    public string Description =>
        "Subscriptions, playlists and liked videos. Watch history is not offered by YouTube's API: import it from a Google Takeout (YouTube and YouTube Music, history).";

    public ProviderSettings Defaults { get; } = new()
    {
        AuthorizeEndpoint = new Uri("https://accounts.google.com/o/oauth2/v2/auth"),
        TokenEndpoint = new Uri("https://oauth2.googleapis.com/token"),
        ApiBase = new Uri("https://www.googleapis.com/youtube/v3/"),
        Scopes = "https://www.googleapis.com/auth/youtube.readonly",
        // Google gives a refresh token only to an offline request, and again for an account that
        // consented before only when the consent screen is shown again.
        AuthorizeParameters = new() { ["access_type"] = "offline", ["prompt"] = "consent" },
        // Subscriptions, playlists and likes change seldom, and every request spends the project's daily quota.
        PollInterval = TimeSpan.FromHours(1),
        // YouTube counts a project's units per day (10,000 by default; a list call costs 1, and every
        // request here is a list call): 9,000 a day leaves room for the project's other uses and for the
        // day Google counts (midnight to midnight Pacific Time) being offset from this sliding window.
        // One connection may spend 1,000 a day: enough for a first read of a large account (2,000
        // subscriptions, 100 playlists of 200 items, 5,000 likes are about 540 requests), and a few
        // connections cannot spend the whole project's quota.
        RequestsPerWindow = 9000,
        ConnectionRequestsPerWindow = 1000,
        QuotaWindow = TimeSpan.FromDays(1),
    };

    public Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken) =>
        YouTubeChannel.ReadAsync(client, cancellationToken);

    public async IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var latest = new StrongBox<JsonObject>(cursor);
        await foreach (var page in YouTubeListSweep.PagesAsync(client, Subscriptions, latest, cancellationToken))
        {
            yield return page;
        }

        await foreach (var page in YouTubePlaylistsSweep.PagesAsync(client, latest, cancellationToken))
        {
            yield return page;
        }

        await foreach (var page in YouTubeListSweep.PagesAsync(client, Likes, latest, cancellationToken))
        {
            yield return page;
        }
    }
}
