namespace Datapunk.Grains;

/// <summary>How fixes were reduced to points: a grid of <see cref="Columns"/> × <see cref="Rows"/> cells over the box.</summary>
[GenerateSerializer, Immutable, Alias("map-simplification")]
public sealed record MapSimplification(
    [property: Id(0)] string Method,
    [property: Id(1)] int Columns,
    [property: Id(2)] int Rows,
    [property: Id(3)] double CellWidthDegrees,
    [property: Id(4)] double CellHeightDegrees);
