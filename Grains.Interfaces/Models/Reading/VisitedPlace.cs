namespace Datapunk.Grains;

/// <summary>
/// One place from the user's place visits: by its place id where the export gave one, otherwise by
/// name and position (to about 10 m). Its name is the one its visits carry most often, else (when the
/// export named it nowhere) the gazetteer's nearest town.
/// </summary>
/// <param name="Near">The gazetteer's nearest town to the place, with its country.</param>
/// <param name="TotalSeconds">The summed length of the visits that have an end.</param>
[GenerateSerializer, Immutable, Alias("visited-place")]
public sealed record VisitedPlace(
    [property: Id(0)] string? PlaceId,
    [property: Id(1)] string? Name,
    [property: Id(2)] GeoPoint Position,
    [property: Id(3)] long Visits,
    [property: Id(4)] long TotalSeconds,
    [property: Id(5)] DateTimeOffset FirstVisit,
    [property: Id(6)] DateTimeOffset LastVisit,
    [property: Id(7)] NearbyPlace? Near = null);
