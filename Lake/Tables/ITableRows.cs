namespace Datapunk.Lake.Tables;

/// <summary>An open uploaded file: its header and its data rows, read once, in order, a row (or a Parquet row group) at a time.</summary>
public interface ITableRows : IAsyncDisposable
{
    /// <summary>The header as the file has it, one entry per column (null where a column has none).</summary>
    IReadOnlyList<string?> Header { get; }

    TableFileDetails Details { get; }

    IAsyncEnumerable<TableRow> ReadAsync(CancellationToken cancellationToken);
}
