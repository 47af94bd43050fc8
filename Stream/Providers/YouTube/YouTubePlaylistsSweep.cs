using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// Reads the items of the playlists that changed: lists <c>GET playlists?part=snippet,contentDetails&amp;mine=true&amp;maxResults=50</c>
/// (following <c>nextPageToken</c>), and for each playlist whose version (<see cref="YouTubePlaylist"/>)
/// differs from the one stored, its items <c>GET playlistItems?part=snippet,contentDetails&amp;playlistId=…&amp;maxResults=50</c>
/// (following <c>nextPageToken</c>). A playlist's version is kept with its last page; until then each
/// page's cursor keeps the page token reached, so a read cut short goes on from there while the version
/// is the same, and starts again (matched by identity) when it changed or YouTube no longer takes the
/// token (400). A playlist deleted between its listing and its reading (404) is skipped.
/// </summary>
internal static class YouTubePlaylistsSweep
{
    private const string ListRequest = "playlists?part=snippet,contentDetails&mine=true&maxResults=50";

    public static async IAsyncEnumerable<PolledPage> PagesAsync(ProviderClient client, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var playlists = new List<YouTubePlaylist>();
        string? listToken = null;
        do
        {
            var request = YouTubePage.At(ListRequest, listToken);
            var line = "GET " + client.Resolve(request).PathAndQuery;
            var page = YouTubePage.Of(await client.GetJsonAsync(request, cancellationToken), line);
            playlists.AddRange(page.Items.Select(item => YouTubePlaylist.Of(item, line)));
            listToken = page.NextPageToken;
        }
        while (listToken is not null);

        cursor.Value = YouTubeCursor.OnlyListed(cursor.Value!, playlists);
        foreach (var playlist in playlists.Where(playlist => YouTubeCursor.PlaylistStored(cursor.Value!, playlist.Id) != playlist.Version))
        {
            await foreach (var page in ItemPagesAsync(client, playlist, cursor, cancellationToken))
            {
                yield return page;
            }
        }
    }

    private static async IAsyncEnumerable<PolledPage> ItemPagesAsync(
        ProviderClient client, YouTubePlaylist playlist, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var itemsRequest = $"playlistItems?part=snippet,contentDetails&playlistId={Uri.EscapeDataString(playlist.Id)}&maxResults=50";
        var pageToken = YouTubeCursor.PlaylistPageToken(cursor.Value!, playlist);
        var kept = pageToken is not null;
        while (true)
        {
            var request = YouTubePage.At(itemsRequest, pageToken);
            JsonNode body;
            try
            {
                body = await client.GetJsonAsync(request, cancellationToken);
            }
            catch (ProviderResponseException refused) when (refused.Status == HttpStatusCode.BadRequest && kept)
            {
                (kept, pageToken) = (false, null);
                continue;
            }
            catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.NotFound)
            {
                yield break;
            }

            kept = false;
            var line = "GET " + client.Resolve(request).PathAndQuery;
            var page = YouTubePage.Of(body, line);
            var records = page.Items.Select(item => YouTubePlaylistItem.Record(item, playlist, line)).ToList();
            pageToken = page.NextPageToken;
            cursor.Value = pageToken is null
                ? YouTubeCursor.WithPlaylistStored(cursor.Value!, playlist)
                : YouTubeCursor.WithPlaylistReading(cursor.Value!, playlist, pageToken);
            yield return new PolledPage(YouTubeProvider.Source, YouTubePlaylistItem.FormatId, line, records, cursor.Value);
            if (pageToken is null)
            {
                yield break;
            }
        }
    }
}
