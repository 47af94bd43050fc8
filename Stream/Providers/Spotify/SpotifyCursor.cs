using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>The cursor of a Spotify connection: <c>{"recentlyPlayedAfter": ms}</c>, the Unix milliseconds of the newest play stored.</summary>
internal static class SpotifyCursor
{
    private const string RecentlyPlayed = "recentlyPlayedAfter";

    public static long? RecentlyPlayedAfter(JsonObject cursor) =>
        cursor[RecentlyPlayed] is JsonValue value && value.TryGetValue<long>(out var after) ? after : null;

    public static JsonObject WithRecentlyPlayedAfter(JsonObject cursor, long after)
    {
        var next = cursor.DeepClone().AsObject();
        next[RecentlyPlayed] = after;
        return next;
    }
}
