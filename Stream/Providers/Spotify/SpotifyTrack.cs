using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Spotify;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// The fields Datapunk keeps of a Web API track object (in a play, a saved track or a playlist item):
/// its uri, the key its identities use (the track id; a local file has none, so its uri), and what the
/// record shows.
/// </summary>
internal sealed record SpotifyTrack(string Uri, string Key, string? Name, string? Artist, string? Album, string? Url, JsonNode? DurationMs)
{
    public string? Title => SpotifyTitle.Of(Artist, Name);

    /// <summary>The track of an item, or null when the item has none (a track no longer available answers <c>track: null</c>).</summary>
    public static SpotifyTrack? Of(JsonNode? track)
    {
        if (ProviderJson.Text(track?["uri"]) is not { } uri)
        {
            return null;
        }

        return new SpotifyTrack(
            uri, ProviderJson.Text(track?["id"]) ?? uri, ProviderJson.Text(track?["name"]),
            (track?["artists"] as JsonArray)?.Select(a => ProviderJson.Text(a?["name"])).FirstOrDefault(name => name is not null),
            ProviderJson.Text(track?["album"]?["name"]), ProviderJson.Text(track?["external_urls"]?["spotify"]), track?["duration_ms"]?.DeepClone());
    }

    /// <summary>
    /// The record of an item holding this track: <paramref name="identity"/> under the API's namespace,
    /// the track's title and link, and in <c>source</c> the item's <paramref name="fields"/> then the track's.
    /// </summary>
    public PersonalRecord Record(RecordKind kind, string identity, DateTimeOffset? at, JsonObject fields, string? text = null) => new()
    {
        Kind = kind,
        Identity = RecordIdentity.Native("spotify-api", identity),
        OccurredAt = at?.UtcDateTime,
        Title = Title,
        Text = text,
        Url = Url,
        Source = Source(fields),
    };

    private JsonObject Source(JsonObject fields)
    {
        fields["track_uri"] = Uri;
        fields["track_name"] = Name;
        fields["artist_name"] = Artist;
        fields["album_name"] = Album;
        fields["duration_ms"] = DurationMs?.DeepClone();
        return fields;
    }

    /// <summary>An item's time (<c>played_at</c>, <c>added_at</c>), or null when it has none.</summary>
    public static DateTimeOffset? Time(JsonNode? node) =>
        DateTimeOffset.TryParse(ProviderJson.Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
