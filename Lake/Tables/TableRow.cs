namespace Datapunk.Lake.Tables;

/// <summary>
/// A data row of an uploaded file: its number as the user counts data rows (1 = the first row after the
/// header) and its cells by the header's position. A cell is null (empty), a string as written, or a value
/// a typed format carries: long, double, decimal, bool, DateTime, DateTimeOffset or DateOnly.
/// </summary>
public sealed record TableRow(long Number, object?[] Cells);
