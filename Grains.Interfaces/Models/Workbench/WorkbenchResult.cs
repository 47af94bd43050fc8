namespace Datapunk.Grains;

/// <summary>
/// The outcome of a workbench query: its columns and rows (<see cref="RowsJson"/>, a JSON array of arrays of
/// values: numbers, strings, booleans and null, times in ISO 8601), whether the row limit or the size limit
/// cut it (<see cref="Truncated"/>), how long it took and whether it came from the cache; or, when it failed,
/// <see cref="Error"/> alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("workbench-result")]
public sealed record WorkbenchResult(
    [property: Id(0)] IReadOnlyList<WorkbenchColumn> Columns,
    [property: Id(1)] string RowsJson,
    [property: Id(2)] int RowCount,
    [property: Id(3)] bool Truncated,
    [property: Id(4)] long ElapsedMs,
    [property: Id(5)] bool Cached,
    [property: Id(6)] WorkbenchError? Error)
{
    public static WorkbenchResult Failed(WorkbenchError error, long elapsedMs) => new([], "[]", 0, false, elapsedMs, false, error);
}
