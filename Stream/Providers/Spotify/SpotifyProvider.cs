using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// Spotify's Web API (docs/sources.md): the account is <c>GET /v1/me</c>; a poll reads
/// <c>GET /v1/me/player/recently-played?limit=50&amp;after=…</c>, which holds only the last 50 plays,
/// so the schedule (15 minutes by default) must come round before 50 tracks are played; then the
/// saved tracks added since (<see cref="SpotifySavedTracksSweep"/>) and the items of the playlists
/// that changed (<see cref="SpotifyPlaylistsSweep"/>).
/// </summary>
public sealed class SpotifyProvider : IStreamProvider
{
    public const string ProviderName = "spotify";

    public string Name => ProviderName;

    public string Title => "Spotify";

    public string Description =>
        "Recently played tracks (the API keeps only the last 50, so polls come every 15 minutes), saved tracks and playlists. Older plays come from Spotify's data export.";

    public ProviderSettings Defaults { get; } = new()
    {
        AuthorizeEndpoint = new Uri("https://accounts.spotify.com/authorize"),
        TokenEndpoint = new Uri("https://accounts.spotify.com/api/token"),
        ApiBase = new Uri("https://api.spotify.com/v1/"),
        Scopes = "user-read-recently-played user-library-read playlist-read-private playlist-read-collaborative",
        PollInterval = TimeSpan.FromMinutes(15),
        // Spotify counts an app's requests over a rolling 30 seconds and does not publish the limit.
        RequestsPerWindow = 50,
        ConnectionRequestsPerWindow = 10,
        QuotaWindow = TimeSpan.FromSeconds(30),
    };

    public async Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var me = await client.GetJsonAsync("me", cancellationToken);
        var id = (me as JsonObject)?["id"]?.GetValue<string>();
        return string.IsNullOrEmpty(id)
            ? throw new ProviderResponseException("Spotify's GET /v1/me has no id.")
            : new ProviderAccount(id, (me["display_name"] as JsonValue)?.GetValue<string>());
    }

    public async IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = SpotifyCursor.RecentlyPlayedAfter(cursor);
        var request = after is null ? "me/player/recently-played?limit=50" : $"me/player/recently-played?limit=50&after={after}";
        var body = await client.GetJsonAsync(request, cancellationToken);
        var page = SpotifyRecentlyPlayed.Read(body, request);
        var latest = new StrongBox<JsonObject>(page.After is { } next ? SpotifyCursor.WithRecentlyPlayedAfter(cursor, next) : cursor);
        yield return new PolledPage("spotify-api", SpotifyRecentlyPlayed.FormatId, "GET /v1/" + request, page.Records, latest.Value);

        await foreach (var saved in SpotifySavedTracksSweep.PagesAsync(client, latest, cancellationToken))
        {
            yield return saved;
        }

        await foreach (var items in SpotifyPlaylistsSweep.PagesAsync(client, latest, cancellationToken))
        {
            yield return items;
        }
    }
}
