namespace Datapunk.Grains;

/// <summary>
/// What an upload would store: the columns inferred from the first <see cref="SampledRows"/> rows (with the
/// caller's corrections applied) and the first rows as the file has them, before anything is stored.
/// <see cref="Delimiter"/> and <see cref="Encoding"/> are those detected in a CSV file, <see cref="Sheet"/> the
/// sheet read from a workbook.
/// </summary>
[GenerateSerializer, Immutable, Alias("table-preview")]
public sealed record TablePreview(
    [property: Id(0)] string Format,
    [property: Id(1)] IReadOnlyList<TableColumn> Columns,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<string?>> Rows,
    [property: Id(3)] int SampledRows,
    [property: Id(4)] string? Delimiter,
    [property: Id(5)] string? Encoding,
    [property: Id(6)] string? Sheet);
