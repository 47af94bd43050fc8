using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// Reads the items of the playlists that changed: lists <c>GET /v1/me/playlists</c> (following
/// <c>next</c>), and for each playlist whose <c>snapshot_id</c> differs from the one stored, its items
/// <c>GET /v1/playlists/{id}/tracks</c> (following <c>next</c>). A playlist's snapshot is kept with its
/// last page; until then each page's cursor keeps the offset reached, so a read cut short goes on
/// from there while the snapshot is the same, and starts again when it changed.
/// </summary>
internal static class SpotifyPlaylistsSweep
{
    public static async IAsyncEnumerable<PolledPage> PagesAsync(ProviderClient client, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var playlists = new List<SpotifyPlaylist>();
        for (string? link = "me/playlists?limit=50"; link is not null;)
        {
            if (await SpotifyGrants.GetIfGrantedAsync(client, link, cancellationToken) is not { } listing)
            {
                // Not granted (playlist-read-private): no playlist is read until the user connects again.
                yield break;
            }

            var page = SpotifyPage.Of(listing, link);
            playlists.AddRange(SpotifyPlaylist.Of(page, link));
            link = page.Next;
        }

        foreach (var playlist in playlists.Where(playlist => SpotifyCursor.PlaylistSnapshot(cursor.Value!, playlist.Id) != playlist.SnapshotId))
        {
            var offset = SpotifyCursor.PlaylistOffset(cursor.Value!, playlist.Id, playlist.SnapshotId);
            for (string? link = $"playlists/{Uri.EscapeDataString(playlist.Id)}/tracks?limit=100&offset={offset}"; link is not null;)
            {
                if (await SpotifyGrants.GetIfGrantedAsync(client, link, cancellationToken) is not { } items)
                {
                    // A playlist listed but no longer readable: the others are read, this one again next time.
                    break;
                }

                var page = SpotifyPage.Of(items, link);
                offset += page.Items.Count;
                var request = link;
                link = page.Items.Count == 0 ? null : page.Next;
                cursor.Value = link is null
                    ? SpotifyCursor.WithPlaylistStored(cursor.Value!, playlist.Id, playlist.SnapshotId)
                    : SpotifyCursor.WithPlaylistReading(cursor.Value!, playlist.Id, playlist.SnapshotId, offset);
                yield return new PolledPage(
                    "spotify-api", SpotifyPlaylistItems.FormatId, "GET " + client.Resolve(request).PathAndQuery, SpotifyPlaylistItems.Read(page, playlist), cursor.Value);
            }
        }
    }
}
