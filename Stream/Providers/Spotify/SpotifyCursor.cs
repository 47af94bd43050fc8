using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// The cursor of a Spotify connection (docs/sources.md): <c>recentlyPlayedAfter</c>, the Unix
/// milliseconds of the newest play stored; <c>savedTracks</c>, the newest saved track stored
/// (<see cref="SavedTrackMark"/>) and, while a sweep of the library is under way, where it stands;
/// <c>playlists</c>, the snapshot id of each playlist whose items are all stored, and, while one is
/// being read, where that stands. Every change is a copy: the poller keeps a page's cursor only once
/// the page is stored.
/// </summary>
internal static class SpotifyCursor
{
    private const string RecentlyPlayed = "recentlyPlayedAfter";
    private const string SavedTracks = "savedTracks";
    private const string Playlists = "playlists";
    private const string Activity = "activity";

    /// <summary>
    /// The line the connection's status shows (<c>ConnectionRow.Activity</c>) while Spotify refuses the
    /// library to the connection's token: it was authorised before Datapunk read saved tracks and playlists.
    /// </summary>
    public const string LibraryNotGranted =
        "Saved tracks and playlists wait for the account to be connected again: Spotify refuses them to this connection, authorised before Datapunk read them.";

    public static long? RecentlyPlayedAfter(JsonObject cursor) =>
        cursor[RecentlyPlayed] is JsonValue value && value.TryGetValue<long>(out var after) ? after : null;

    public static JsonObject WithRecentlyPlayedAfter(JsonObject cursor, long after) => ProviderCursor.Changed(cursor, next => next[RecentlyPlayed] = after);

    /// <summary>The newest saved track stored by a finished sweep.</summary>
    public static SavedTrackMark? SavedTracksKnown(JsonObject cursor) => SavedTrackMark.Parse(cursor[SavedTracks]?["known"]);

    /// <summary>A sweep under way: the newest track it saw first, and the offset it reached.</summary>
    public static (SavedTrackMark? Newest, int Offset)? SavedTracksSweep(JsonObject cursor) =>
        cursor[SavedTracks]?["sweep"] is JsonObject sweep && sweep["offset"] is JsonValue offset && offset.TryGetValue<int>(out var at)
            ? (SavedTrackMark.Parse(sweep["newest"]), at)
            : null;

    public static JsonObject WithSavedTracksSweep(JsonObject cursor, SavedTrackMark? newest, int offset) => ProviderCursor.Changed(cursor, next => next[SavedTracks] = new JsonObject
    {
        ["known"] = SavedTracksKnown(cursor)?.ToString(),
        ["sweep"] = new JsonObject { ["newest"] = newest?.ToString(), ["offset"] = offset },
    });

    public static JsonObject WithSavedTracksKnown(JsonObject cursor, SavedTrackMark? known) =>
        ProviderCursor.Changed(cursor, next => next[SavedTracks] = new JsonObject { ["known"] = known?.ToString() });

    /// <summary>The cursor saying whether Spotify grants the library to this connection; the same cursor when it says so already.</summary>
    public static JsonObject WithLibraryGranted(JsonObject cursor, bool granted) =>
        (ProviderJson.Text(cursor[Activity]) == LibraryNotGranted) != granted
            ? cursor
            : ProviderCursor.Changed(cursor, next =>
            {
                if (granted)
                {
                    next.Remove(Activity);
                }
                else
                {
                    next[Activity] = LibraryNotGranted;
                }
            });

    /// <summary>The snapshot id of the playlist's items stored, or null when they never were.</summary>
    public static string? PlaylistSnapshot(JsonObject cursor, string playlistId) => ProviderJson.Text(cursor[Playlists]?["stored"]?[playlistId]);

    /// <summary>The offset a read of the playlist at this snapshot reached, or 0.</summary>
    public static int PlaylistOffset(JsonObject cursor, string playlistId, string snapshot) =>
        cursor[Playlists]?["reading"] is JsonObject reading && ProviderJson.Text(reading["id"]) == playlistId && ProviderJson.Text(reading["snapshot"]) == snapshot
            && reading["offset"] is JsonValue offset && offset.TryGetValue<int>(out var at) ? at : 0;

    public static JsonObject WithPlaylistReading(JsonObject cursor, string playlistId, string snapshot, int offset) => ProviderCursor.Changed(cursor, next =>
    {
        var playlists = ProviderCursor.Child(next, Playlists);
        playlists["reading"] = new JsonObject { ["id"] = playlistId, ["snapshot"] = snapshot, ["offset"] = offset };
    });

    public static JsonObject WithPlaylistStored(JsonObject cursor, string playlistId, string snapshot) => ProviderCursor.Changed(cursor, next =>
    {
        var playlists = ProviderCursor.Child(next, Playlists);
        playlists.Remove("reading");
        ProviderCursor.Child(playlists, "stored")[playlistId] = snapshot;
    });
}
