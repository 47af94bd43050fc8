namespace Datapunk.Grains;

/// <summary>A regular weekly visit: a place on a weekday ("Tuesday"), arriving around a local time ("18:00"), in so many of the weeks observed.</summary>
[GenerateSerializer, Immutable, Alias("routine")]
public sealed record Routine(
    [property: Id(0)] Guid PlaceId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string Weekday,
    [property: Id(3)] string TypicalArrival,
    [property: Id(4)] int Weeks,
    [property: Id(5)] int OfWeeks,
    [property: Id(6)] string Description);
