namespace Datapunk.Grains;

/// <summary>
/// One entry of a timeline: a record, or the location fixes of one local hour summarised
/// (<see cref="Fixes"/>; kind <c>location_points</c>), with its time in UTC and in the user's zone.
/// </summary>
[GenerateSerializer, Immutable, Alias("timeline-entry")]
public sealed record TimelineEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset LocalAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] DateTimeOffset? LocalEndedAt,
    [property: Id(6)] string? Title,
    [property: Id(7)] string? Url,
    [property: Id(8)] GeoPoint? Position,
    [property: Id(9)] FixesSummary? Fixes);
