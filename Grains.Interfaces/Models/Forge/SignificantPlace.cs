namespace Datapunk.Grains;

/// <summary>
/// A place the user spends time at, found by clustering stays. Its id survives retraining while the
/// place stays where it was. <paramref name="NameSource"/> is "export" (the export's visits named it),
/// "gazetteer", "user" (renamed) or "none".
/// </summary>
[GenerateSerializer, Immutable, Alias("significant-place")]
public sealed record SignificantPlace(
    [property: Id(0)] Guid PlaceId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string NameSource,
    [property: Id(3)] GeoPoint Position,
    [property: Id(4)] double RadiusMetres,
    [property: Id(5)] int Visits,
    [property: Id(6)] long DwellSeconds,
    [property: Id(7)] DateTimeOffset FirstVisit,
    [property: Id(8)] DateTimeOffset LastVisit);
