namespace Datapunk.Grains;

/// <summary>Home, work and routines of the promoted version (null before any), in <paramref name="TimeZone"/>.</summary>
[GenerateSerializer, Immutable, Alias("routines-view")]
public sealed record RoutinesView(
    [property: Id(0)] int? Version,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] AnchorPlace? Home,
    [property: Id(3)] AnchorPlace? Work,
    [property: Id(4)] IReadOnlyList<Routine> Routines);
