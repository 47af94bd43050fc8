using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Spotify;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// A page of <c>GET /v1/me/player/recently-played</c> (<c>{items: [{track, played_at, context}], cursors: {after, before}, next}</c>)
/// as Spotify plays, the record kind the export readers (Lake/Formats/Spotify) give plays. The identity
/// is the time played (to the millisecond, as the API gives it) and the track uri: a play polled twice
/// is stored once. It is not the export readers' identity (docs/sources.md): the API gives no
/// ms_played, so a play seen by an export and by a poll is stored twice today.
/// </summary>
internal static class SpotifyRecentlyPlayed
{
    public const string FormatId = "spotify.api.recently-played";

    public static (IReadOnlyList<PersonalRecord> Records, long? After) Read(JsonNode body, string request)
    {
        if (body is not JsonObject page || page["items"] is not JsonArray items)
        {
            throw new ProviderResponseException($"Spotify's answer to {request} has no items array.");
        }

        var records = new List<PersonalRecord>(items.Count);
        long? newest = null;
        foreach (var item in items)
        {
            var play = item as JsonObject ?? throw new ProviderResponseException($"An item of {request} is not an object.");
            var playedText = (play["played_at"] as JsonValue)?.GetValue<string>();
            if (!DateTimeOffset.TryParse(playedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var playedAt))
            {
                throw new ProviderResponseException($"An item of {request} has no valid played_at ('{playedText}').");
            }

            var track = play["track"] as JsonObject;
            var uri = Text(track?["uri"]) ?? throw new ProviderResponseException($"The play at {playedText} of {request} has no track uri.");
            var artist = (track?["artists"] as JsonArray)?.Select(a => Text(a?["name"])).FirstOrDefault(name => name is not null);
            var name = Text(track?["name"]);
            var milliseconds = playedAt.ToUnixTimeMilliseconds();
            newest = newest is { } n && n > milliseconds ? n : milliseconds;
            records.Add(new PersonalRecord
            {
                Kind = RecordKind.SpotifyPlay,
                Identity = RecordIdentity.Native("spotify-api", $"{milliseconds}:{uri}"),
                OccurredAt = playedAt.UtcDateTime,
                Title = SpotifyTitle.Of(artist, name),
                Url = Text(track?["external_urls"]?["spotify"]),
                Source = new JsonObject
                {
                    ["played_at"] = playedText,
                    ["track_uri"] = uri,
                    ["track_name"] = name,
                    ["artist_name"] = artist,
                    ["album_name"] = Text(track?["album"]?["name"]),
                    ["duration_ms"] = track?["duration_ms"]?.DeepClone(),
                    ["context_uri"] = Text(play["context"]?["uri"]),
                },
            });
        }

        // cursors.after is the position to ask from next time; the newest play is its fallback.
        var after = page["cursors"]?["after"] is JsonValue cursor && long.TryParse(cursor.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
            ? a
            : newest;
        return (records, after);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
