namespace Datapunk.Lake.Workbench;

/// <summary>A result as the cache holds it: whose it is (checked again on every read), its columns, rows and whether it was cut.</summary>
public sealed record WorkbenchCachedResult(string UserId, IReadOnlyList<WorkbenchColumn> Columns, string RowsJson, int RowCount, bool Truncated);
