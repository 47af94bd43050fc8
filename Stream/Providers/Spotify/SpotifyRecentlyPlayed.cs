using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// A page of <c>GET /v1/me/player/recently-played</c> (<c>{items: [{track, played_at, context}], cursors: {after, before}, next}</c>)
/// as Spotify plays, the record kind the export readers (Lake/Formats/Spotify) give plays. The identity
/// is the time played (to the millisecond, as the API gives it) and the track uri: a play polled twice
/// is stored once. It is not the export readers' identity (the API gives no ms_played): a play also in
/// an export (extended streaming history, or the account data's history) is paired with it by time and track when either is stored
/// (<see cref="PlayPairing"/>, docs/sources.md), and the export's copy is kept.
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
            var playedText = ProviderJson.Text(play["played_at"]);
            var playedAt = SpotifyTrack.Time(play["played_at"])
                ?? throw new ProviderResponseException($"An item of {request} has no valid played_at ('{playedText}').");
            var track = SpotifyTrack.Of(play["track"]) ?? throw new ProviderResponseException($"The play at {playedText} of {request} has no track uri.");
            var milliseconds = playedAt.ToUnixTimeMilliseconds();
            newest = newest is { } n && n > milliseconds ? n : milliseconds;
            var record = track.Record(RecordKind.SpotifyPlay, $"{milliseconds}:{track.Uri}", playedAt, new JsonObject { ["played_at"] = playedText });
            record.Source!["context_uri"] = ProviderJson.Text(play["context"]?["uri"]);
            records.Add(record);
        }

        // cursors.after is the position to ask from next time; the newest play is its fallback.
        var after = page["cursors"]?["after"] is JsonValue cursor && long.TryParse(cursor.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
            ? a
            : newest;
        return (records, after);
    }
}
