using System.Text.Json;

namespace Datapunk.Client;

/// <summary>A SQL workbench result as <c>POST /api/v1/sql</c> answers it: columns, rows (arrays of JSON values), whether it was cut, time taken, whether cached.</summary>
public sealed record SqlResult(IReadOnlyList<WorkbenchColumn> Columns, JsonElement Rows, bool Truncated, long ElapsedMs, bool Cached);
