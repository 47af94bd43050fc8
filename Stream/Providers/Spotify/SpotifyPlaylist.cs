namespace Datapunk.Streams.Providers.Spotify;

/// <summary>A playlist of <c>GET /v1/me/playlists</c>: its id, name, and the snapshot id that changes with its items.</summary>
internal sealed record SpotifyPlaylist(string Id, string? Name, string SnapshotId, string? Url)
{
    public static IReadOnlyList<SpotifyPlaylist> Of(SpotifyPage page, string request) =>
    [
        .. page.Items.Select(item => new SpotifyPlaylist(
            ProviderJson.Text(item["id"]) ?? throw new ProviderResponseException($"A playlist of {request} has no id."),
            ProviderJson.Text(item["name"]),
            ProviderJson.Text(item["snapshot_id"]) ?? throw new ProviderResponseException($"A playlist of {request} has no snapshot_id."),
            ProviderJson.Text(item["external_urls"]?["spotify"]))),
    ];
}
