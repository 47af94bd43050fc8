namespace Datapunk.Grains;

/// <summary>
/// One entry of a timeline: a record, or the location fixes of one local hour summarised
/// (<see cref="Fixes"/>; kind <c>location_points</c>), with its time in UTC and on the clock where the
/// user was (the export's own offset, else the zone of where they were, else the query's zone).
/// </summary>
/// <param name="Near">The gazetteer's nearest town to <see cref="Position"/> (for fixes, the hour's last fix).</param>
/// <param name="Source">The export format id of what stored it (<c>google.location.records</c>; for an hour of fixes, its first fix's).</param>
/// <param name="RemovedAtSource">Set when the live source removed or cancelled the record's item (the record is kept); null otherwise.</param>
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
    [property: Id(9)] FixesSummary? Fixes,
    [property: Id(10)] NearbyPlace? Near = null,
    [property: Id(11)] string? Source = null,
    [property: Id(12)] SourceRemoval? RemovedAtSource = null);
