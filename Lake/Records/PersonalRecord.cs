using System.Text.Json.Nodes;

namespace Datapunk.Lake;

/// <summary>
/// Any record other than a location fix: a visit, a search, a play, an e-mail, a note, …
/// Common fields are typed so the timeline, map and search can use them; everything the source
/// said is kept in <see cref="Source"/>.
/// </summary>
public sealed record PersonalRecord
{
    public required RecordKind Kind { get; init; }

    /// <summary>
    /// The record's identity within its kind for this user: a source-native id (message id, event
    /// UID, …) where one exists, otherwise a hash of its normalised content (see <see cref="RecordIdentity"/>).
    /// </summary>
    public required string Identity { get; init; }

    /// <summary>When it happened (start of a visit, time of a play, date of an e-mail), UTC.</summary>
    public DateTime? OccurredAt { get; init; }

    /// <summary>When it ended, for records with a duration (visits, segments, events).</summary>
    public DateTime? EndedAt { get; init; }

    /// <summary>A short human title: the page or video title, the place name, the subject, the track.</summary>
    public string? Title { get; init; }

    /// <summary>Searchable text: a body, a note, a description.</summary>
    public string? Text { get; init; }

    public string? Url { get; init; }

    public int? LatitudeE7 { get; init; }

    public int? LongitudeE7 { get; init; }

    /// <summary>The source fields, as the export had them (normalised to JSON for non-JSON formats).</summary>
    public JsonObject? Source { get; init; }
}
