namespace Datapunk.Lake.Model;

/// <summary>
/// A <see cref="PersonalRecord"/> flattened for staging: its source fields already serialised, so
/// the reader's JSON tree can be collected while the row waits for its chunk to be copied.
/// </summary>
internal readonly record struct StagedRecord(
    RecordKind Kind,
    string Identity,
    DateTime? OccurredAt,
    DateTime? EndedAt,
    string? Title,
    string? Text,
    string? Url,
    int? LatitudeE7,
    int? LongitudeE7,
    string? SourceJson)
{
    /// <summary>About how many bytes the row holds, to bound a chunk's memory.</summary>
    public long EstimatedBytes =>
        64 + (2L * ((Identity.Length) + (Title?.Length ?? 0) + (Text?.Length ?? 0) + (Url?.Length ?? 0) + (SourceJson?.Length ?? 0)));
}
