namespace Datapunk.Grains;

/// <summary>
/// A record an answer rests on. <see cref="Kind"/> and <see cref="Id"/> are the pair the records API
/// identifies a record by (<c>GET /api/v1/records</c>); a location fix, which has no identity column,
/// is <c>location_points</c> with the id <c>{time ISO 8601 UTC}/{lat E7}/{lng E7}</c>, unique per user.
/// </summary>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="LocalTime">The same instant in the user's zone.</param>
/// <param name="Source">The export format it was imported from (<c>spotify.extended-history</c>), when known.</param>
[GenerateSerializer, Immutable, Alias("answer-citation")]
public sealed record AnswerCitation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset? Time,
    [property: Id(3)] DateTimeOffset? LocalTime,
    [property: Id(4)] string? Title,
    [property: Id(5)] string? Source,
    [property: Id(6)] GeoPoint? Position);
