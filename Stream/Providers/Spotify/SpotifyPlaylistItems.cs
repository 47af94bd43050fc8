using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// A page of <c>GET /v1/playlists/{id}/tracks</c> (<c>{items: [{added_at, added_by, is_local, track}], next}</c>)
/// as playlist-item records. The identity is the playlist, the track and the time it was added: the
/// same track added twice is two items, and a playlist read again stores only what was added since.
/// Items without a track (no longer available) are left out; so are podcast episodes (not tracks).
/// </summary>
internal static class SpotifyPlaylistItems
{
    public const string FormatId = "spotify.api.playlist-items";

    public static IReadOnlyList<PersonalRecord> Read(SpotifyPage page, SpotifyPlaylist playlist)
    {
        var records = new List<PersonalRecord>(page.Items.Count);
        foreach (var item in page.Items)
        {
            if (ProviderJson.Text(item["track"]?["type"]) is "episode" || SpotifyTrack.Of(item["track"]) is not { } track)
            {
                continue;
            }

            var addedText = ProviderJson.Text(item["added_at"]);
            var addedAt = SpotifyTrack.Time(item["added_at"]);
            // Very old playlists give no added_at: such an item has no time.
            var fields = new JsonObject
            {
                ["added_at"] = addedText,
                ["added_by"] = ProviderJson.Text(item["added_by"]?["id"]),
                ["playlist_id"] = playlist.Id,
                ["playlist_name"] = playlist.Name,
                ["snapshot_id"] = playlist.SnapshotId,
            };
            records.Add(track.Record(
                RecordKind.SpotifyPlaylistItem, $"playlist:{playlist.Id}:{track.Key}:{addedAt?.ToUnixTimeMilliseconds()}", addedAt, fields, playlist.Name));
        }

        return records;
    }
}
