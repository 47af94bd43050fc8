namespace Datapunk.Grains;

/// <summary>A table the user uploaded, as stored: its name, the file it came from, its columns and size.</summary>
[GenerateSerializer, Immutable, Alias("user-table")]
public sealed record UserTable(
    [property: Id(0)] string Name,
    [property: Id(1)] string FileName,
    [property: Id(2)] string Format,
    [property: Id(3)] IReadOnlyList<TableColumn> Columns,
    [property: Id(4)] long RowCount,
    [property: Id(5)] long ByteCount,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt);
