namespace Datapunk.Grains;

/// <summary>
/// What a message on a user's Redis channel <c>dp:u:{user}:records</c> carries when records arrived
/// live: pushed by the ingest routes (<c>RecordsFeed</c>) and by live-source polls (<c>NewRecordsChannel</c>).
/// </summary>
/// <param name="Kind">The kind of records (<c>location_points</c>, <c>spotify_plays</c>).</param>
/// <param name="Source">How they arrived (<c>owntracks-http</c>, <c>overland</c>, <c>spotify-api</c>).</param>
/// <param name="Received">Records the request or polled page held.</param>
/// <param name="Stored">Records stored anew.</param>
/// <param name="Matched">Records already stored (a re-sent batch, a fix imported before, a play polled before).</param>
/// <param name="From">The earliest record's time.</param>
/// <param name="Until">The latest record's time.</param>
/// <param name="FileId">The provenance row of the batch or page.</param>
[GenerateSerializer, Immutable, Alias("new-records-message")]
public sealed record NewRecordsMessage(
    [property: Id(0)] string Kind, [property: Id(1)] string Source, [property: Id(2)] int Received, [property: Id(3)] long Stored,
    [property: Id(4)] long Matched, [property: Id(5)] DateTime? From, [property: Id(6)] DateTime? Until, [property: Id(7)] long? FileId);
