using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>The columns a record of each kind must have to be complete (docs/catalog.md, "Quality"): what the timeline, map and search need of it.</summary>
internal static class RequiredRecordFields
{
    private static readonly Dictionary<RecordKind, string[]> ByKind = new()
    {
        [RecordKind.PlaceVisit] = ["occurred_at", "ended_at", "position"],
        [RecordKind.ActivitySegment] = ["occurred_at", "ended_at"],
        [RecordKind.ActivityEvent] = ["occurred_at", "title"],
        [RecordKind.YoutubeWatch] = ["occurred_at", "title"],
        [RecordKind.YoutubeSearch] = ["occurred_at", "title"],
        [RecordKind.BrowserVisit] = ["occurred_at", "url"],
        [RecordKind.FitDay] = ["occurred_at"],
        [RecordKind.Photo] = ["occurred_at", "title"],
        [RecordKind.CalendarEvent] = ["occurred_at", "title"],
        [RecordKind.Contact] = ["title"],
        [RecordKind.Email] = ["occurred_at", "title"],
        [RecordKind.KeepNote] = ["occurred_at"],
        [RecordKind.SpotifyPlay] = ["occurred_at", "title"],
        [RecordKind.DiscordMessage] = ["occurred_at", "body"],
        [RecordKind.SpotifySavedTrack] = ["occurred_at", "title"],
        [RecordKind.SpotifyPlaylistItem] = ["occurred_at", "title"],
        [RecordKind.YoutubeSubscription] = ["occurred_at", "title"],
        [RecordKind.YoutubePlaylistItem] = ["occurred_at", "title"],
        // YouTube's API says which videos are liked, not when (docs/sources.md): a like has no time to require.
        [RecordKind.YoutubeLike] = ["title"],
    };

    public static IReadOnlyList<string> Of(string? kindName) =>
        kindName is not null && RecordKindNames.TryParse(kindName, out var kind) && ByKind.TryGetValue(kind, out var fields) ? fields : ["occurred_at"];

    /// <summary>The SQL condition that a column is missing: null, or empty text.</summary>
    public static string Missing(string column) => column is "title" or "body" or "url" ? $"coalesce(btrim({column}), '') = ''" : $"{column} IS NULL";
}
