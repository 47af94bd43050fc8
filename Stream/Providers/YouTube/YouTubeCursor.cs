using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// The cursor of a YouTube connection (docs/sources.md). YouTube gives no change token, so the cursor
/// keeps what makes a re-read cheap and a sweep cut short resumable: for <c>subscriptions</c> and
/// <c>likes</c>, the <c>etag</c> of the first page of the last finished sweep (asked again with
/// If-None-Match: 304 means unchanged) and, while a sweep is under way, its first page's etag and the
/// <c>pageToken</c> of its next page; for <c>playlists</c>, the version (etag) of each playlist whose items
/// are all stored and, while one is being read, its id, version and next page token. Every change is a
/// copy: the poller keeps a page's cursor only once the page is stored.
/// </summary>
internal static class YouTubeCursor
{
    private const string Playlists = "playlists";

    /// <summary>Where the sweep of the list <paramref name="list"/> stands: the etag last swept, and the sweep under way.</summary>
    public static (string? Known, string? SweepETag, string? SweepPageToken) List(JsonObject cursor, string list) =>
        cursor[list] is JsonObject state
            ? (ProviderJson.Text(state["etag"]), ProviderJson.Text(state["sweep"]?["etag"]), ProviderJson.Text(state["sweep"]?["pageToken"]))
            : (null, null, null);

    /// <summary>The cursor with a sweep of <paramref name="list"/> under way, its next page <paramref name="pageToken"/>.</summary>
    public static JsonObject WithListSweep(JsonObject cursor, string list, string? known, string? sweepETag, string pageToken) =>
        ProviderCursor.Changed(cursor, next => next[list] = new JsonObject
        {
            ["etag"] = known,
            ["sweep"] = new JsonObject { ["etag"] = sweepETag, ["pageToken"] = pageToken },
        });

    /// <summary>The cursor with <paramref name="list"/> swept whole, its first page at <paramref name="etag"/>.</summary>
    public static JsonObject WithListSwept(JsonObject cursor, string list, string? etag) =>
        ProviderCursor.Changed(cursor, next => next[list] = new JsonObject { ["etag"] = etag });

    /// <summary>The version of the playlist whose items are stored, or null when they never were.</summary>
    public static string? PlaylistStored(JsonObject cursor, string playlistId) => ProviderJson.Text(cursor[Playlists]?["stored"]?[playlistId]);

    /// <summary>The next page token of a read of the playlist at this version that was cut short, or null.</summary>
    public static string? PlaylistPageToken(JsonObject cursor, YouTubePlaylist playlist) =>
        cursor[Playlists]?["reading"] is JsonObject reading && ProviderJson.Text(reading["id"]) == playlist.Id && ProviderJson.Text(reading["version"]) == playlist.Version
            ? ProviderJson.Text(reading["pageToken"])
            : null;

    public static JsonObject WithPlaylistReading(JsonObject cursor, YouTubePlaylist playlist, string pageToken) => ProviderCursor.Changed(cursor, next =>
        ProviderCursor.Child(next, Playlists)["reading"] = new JsonObject { ["id"] = playlist.Id, ["version"] = playlist.Version, ["pageToken"] = pageToken });

    public static JsonObject WithPlaylistStored(JsonObject cursor, YouTubePlaylist playlist) => ProviderCursor.Changed(cursor, next =>
    {
        var playlists = ProviderCursor.Child(next, Playlists);
        playlists.Remove("reading");
        ProviderCursor.Child(playlists, "stored")[playlist.Id] = playlist.Version;
    });

    /// <summary>The cursor without the playlists no longer listed (deleted), so it does not grow forever.</summary>
    public static JsonObject OnlyListed(JsonObject cursor, IReadOnlyList<YouTubePlaylist> listed)
    {
        if (cursor[Playlists]?["stored"] is not JsonObject stored)
        {
            return cursor;
        }

        var keep = listed.Select(playlist => playlist.Id).ToHashSet(StringComparer.Ordinal);
        var gone = stored.Select(entry => entry.Key).Where(id => !keep.Contains(id)).ToList();
        return gone.Count == 0 ? cursor : ProviderCursor.Changed(cursor, next =>
        {
            var kept = next[Playlists]!["stored"]!.AsObject();
            foreach (var id in gone)
            {
                kept.Remove(id);
            }
        });
    }
}
