using System.Runtime.CompilerServices;

namespace Datapunk.Lake.Tables;

/// <summary>
/// An uploaded file opened for one pass: its first <see cref="SampleRows"/> rows are read ahead to infer the
/// columns (with the user's changes applied), then <see cref="RowsAsync"/> gives every row, those first.
/// </summary>
public sealed class TableReading : IAsyncDisposable
{
    public const int SampleRows = 1_000;

    private readonly ITableRows _file;
    private readonly IAsyncEnumerator<TableRow> _rows;
    private readonly bool _more;

    private TableReading(ITableRows file, IAsyncEnumerator<TableRow> rows, List<TableRow> sample, bool more, IReadOnlyList<ColumnPlan> columns)
    {
        _file = file;
        _rows = rows;
        _more = more;
        Sample = sample;
        Columns = columns;
    }

    public IReadOnlyList<TableRow> Sample { get; }

    public IReadOnlyList<ColumnPlan> Columns { get; }

    public TableFileDetails Details => _file.Details;

    /// <exception cref="TableFileException">The file cannot be read as a table.</exception>
    /// <exception cref="TableColumnChangeException">A change cannot apply.</exception>
    public static async Task<TableReading> OpenAsync(
        string path, string format, TableReadOptions options, TableColumnChanges changes, CancellationToken cancellationToken)
    {
        var file = await TableFiles.OpenAsync(path, format, options, cancellationToken);
        IAsyncEnumerator<TableRow>? rows = null;
        try
        {
            rows = file.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            var sample = new List<TableRow>();
            var more = true;
            while (sample.Count < SampleRows && (more = await rows.MoveNextAsync()))
            {
                sample.Add(rows.Current);
            }

            var columns = changes.Apply(TableInference.Infer(file.Header, sample));
            return new TableReading(file, rows, sample, more, columns);
        }
        catch
        {
            if (rows is not null)
            {
                await rows.DisposeAsync();
            }

            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first rows as the preview shows them: each stored column's cell as text.</summary>
    public IReadOnlyList<IReadOnlyList<string?>> PreviewRows(int count) =>
        [.. Sample.Take(count).Select(row => (IReadOnlyList<string?>)[.. Columns.Select(c => row.Cells[c.Position] is { } cell ? ColumnValues.AsText(cell) : null)])];

    public IReadOnlyList<TableColumn> TableColumns => [.. Columns.Select(c => c.Column)];

    /// <summary>Every row of the file, once.</summary>
    public async IAsyncEnumerable<TableRow> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in Sample)
        {
            yield return row;
        }

        while (_more && await _rows.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return _rows.Current;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await _file.DisposeAsync();
    }
}
