namespace Datapunk.Grains;

/// <summary>One of a user's records as the API shows it.</summary>
/// <param name="Kind">The kind name (<c>place_visits</c>, …).</param>
/// <param name="Id">The record's identity within its kind.</param>
/// <param name="Body">The searchable text, cut to <see cref="MaxBodyLength"/> characters.</param>
/// <param name="BodyTruncated">True when <see cref="Body"/> was cut.</param>
/// <param name="Source">The fields the export had, as JSON text; null when larger than <see cref="MaxSourceLength"/>.</param>
/// <param name="SourceOmitted">True when the source fields were left out for their size.</param>
/// <param name="Provenance">The import and file that stored it (null only if that file's row is gone).</param>
/// <param name="RemovedAtSource">Set when the live source removed or cancelled the item (the record is kept); null otherwise.</param>
[GenerateSerializer, Immutable, Alias("stored-record")]
public sealed record StoredRecord(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset? OccurredAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] string? Title,
    [property: Id(5)] string? Body,
    [property: Id(6)] bool BodyTruncated,
    [property: Id(7)] string? Url,
    [property: Id(8)] GeoPoint? Position,
    [property: Id(9)] string? Source,
    [property: Id(10)] bool SourceOmitted,
    [property: Id(11)] RecordProvenance? Provenance,
    [property: Id(12)] SourceRemoval? RemovedAtSource = null)
{
    public const int MaxBodyLength = 2_000;

    public const int MaxSourceLength = 16_000;
}
