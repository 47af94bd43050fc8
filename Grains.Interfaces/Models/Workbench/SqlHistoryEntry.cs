namespace Datapunk.Grains;

/// <summary>A query the user ran in the workbench, newest first in <c>GET /api/v1/sql/history</c>.</summary>
[GenerateSerializer, Immutable, Alias("sql-history-entry")]
public sealed record SqlHistoryEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] string Sql,
    [property: Id(2)] DateTimeOffset RanAt,
    [property: Id(3)] long ElapsedMs,
    [property: Id(4)] int RowCount,
    [property: Id(5)] bool Truncated,
    [property: Id(6)] bool Cached,
    [property: Id(7)] bool Unmasked,
    [property: Id(8)] string? Error);
