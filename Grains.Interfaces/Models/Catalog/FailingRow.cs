namespace Datapunk.Grains;

/// <summary>A row that fails a quality measure: its id as the lineage and records APIs take it (<c>kind:identity</c>, a fix's <c>location_points:time@lat,lng</c>, a table's <c>table:row</c>) and why.</summary>
[GenerateSerializer, Immutable, Alias("catalog-failing-row")]
public sealed record FailingRow(
    [property: Id(0)] string Id,
    [property: Id(1)] string Reason);
