namespace Datapunk.Lake;

/// <summary>
/// The kinds of personal records an import produces. The snake_case names are part of the CLI's
/// JSON contract (<c>records.location_points</c>, …) and of the database's <c>kind</c> column.
/// </summary>
public enum RecordKind
{
    LocationPoint,
    PlaceVisit,
    ActivitySegment,
    ActivityEvent,
    YoutubeWatch,
    YoutubeSearch,
    BrowserVisit,
    FitDay,
    Photo,
    CalendarEvent,
    Contact,
    Email,
    KeepNote,
    SpotifyPlay,
    DiscordMessage,
    SpotifySavedTrack,
    SpotifyPlaylistItem,
    YoutubeSubscription,
    YoutubePlaylistItem,
    YoutubeLike,
}

public static class RecordKinds
{
    private static readonly string[] Names =
    [
        "location_points", "place_visits", "activity_segments", "activity_events", "youtube_watches", "youtube_searches",
        "browser_visits", "fit_days", "photos", "calendar_events", "contacts", "emails", "keep_notes", "spotify_plays",
        "discord_messages", "spotify_saved_tracks", "spotify_playlist_items", "youtube_subscriptions", "youtube_playlist_items",
        "youtube_likes",
    ];

    public static IReadOnlyList<RecordKind> All { get; } = Enum.GetValues<RecordKind>();

    /// <summary>The name used in reports and the database, e.g. <c>place_visits</c>.</summary>
    public static string ToName(this RecordKind kind) => Names[(int)kind];
}
