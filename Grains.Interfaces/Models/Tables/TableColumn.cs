namespace Datapunk.Grains;

/// <summary>
/// A column of a user's table: <see cref="Name"/> the SQL identifier it is queried by, <see cref="Type"/>
/// one of text, bigint, double precision, numeric, boolean, date, timestamptz, and <see cref="Source"/> the
/// header it was read from (docs/catalog.md, "Uploaded tables").
/// </summary>
[GenerateSerializer, Immutable, Alias("table-column")]
public sealed record TableColumn(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] string Source);
