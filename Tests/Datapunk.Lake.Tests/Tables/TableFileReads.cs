using Datapunk.Lake.Tables;

namespace Datapunk.Lake.Tests.Tables;

/// <summary>Reads a test's file as the upload does: its header, details and every row, and the columns inferred from them.</summary>
internal static class TableFileReads
{
    public static async Task<(ITableRows File, List<TableRow> Rows)> ReadAllAsync(string path, string format, TableReadOptions? options = null)
    {
        var file = await TableFiles.OpenAsync(path, format, options ?? new TableReadOptions(), TestContext.Current.CancellationToken);
        var rows = new List<TableRow>();
        await foreach (var row in file.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        await file.DisposeAsync();
        return (file, rows);
    }

    public static async Task<IReadOnlyList<ColumnPlan>> ColumnsAsync(string path, string format, TableColumnChanges? changes = null)
    {
        await using var reading = await TableReading.OpenAsync(
            path, format, new TableReadOptions(), changes ?? TableColumnChanges.None, TestContext.Current.CancellationToken);
        return reading.Columns;
    }

    /// <summary>"name:type" per column, in order: one string an assertion compares whole.</summary>
    public static string Describe(IReadOnlyList<ColumnPlan> columns) => string.Join(", ", columns.Select(c => $"{c.Column.Name}:{c.Column.Type}"));
}
