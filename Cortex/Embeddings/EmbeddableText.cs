
namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// What of a record is worth a vector: the title and the start of the body of the kinds whose text
/// says something (place names, video titles, searches, mail, notes, events, contacts, plays,
/// messages, saved tracks and playlist items, YouTube subscriptions, playlist items and likes); not location fixes, activity segments ("Walking"), Fit days (numbers) or photos (file
/// names). MiniLM reads at most 256 tokens, about the first 1,000 characters.
/// </summary>
internal static class EmbeddableText
{
    public static short[] Kinds { get; } =
    [
        (short)RecordKind.PlaceVisit, (short)RecordKind.ActivityEvent, (short)RecordKind.YoutubeWatch, (short)RecordKind.YoutubeSearch,
        (short)RecordKind.BrowserVisit, (short)RecordKind.CalendarEvent, (short)RecordKind.Contact, (short)RecordKind.Email,
        (short)RecordKind.KeepNote, (short)RecordKind.SpotifyPlay, (short)RecordKind.DiscordMessage, (short)RecordKind.SpotifySavedTrack,
        (short)RecordKind.SpotifyPlaylistItem, (short)RecordKind.YoutubeSubscription, (short)RecordKind.YoutubePlaylistItem, (short)RecordKind.YoutubeLike,
    ];

    /// <summary>The text of record <c>r</c> as SQL; its SHA-256 is what a stored vector's text_hash is compared with.</summary>
    public const string Sql = "btrim(concat_ws(E'\\n', nullif(btrim(r.title), ''), nullif(btrim(left(r.body, 1000)), '')))";

    /// <summary>The SHA-256 of text <c>s.text</c> (<see cref="Sql"/>), null for text too short to say anything.</summary>
    public const string HashSql = "CASE WHEN length(s.text) >= 2 THEN sha256(convert_to(s.text, 'UTF8')) END";
}
