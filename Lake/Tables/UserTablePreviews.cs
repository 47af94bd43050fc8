namespace Datapunk.Lake.Tables;

/// <summary>What storing a file would give, before anything is stored: the inferred (and corrected) columns and the first rows.</summary>
public sealed class UserTablePreviews(UserTablesOptions options)
{
    /// <exception cref="TableFileException">The file cannot be read as a table.</exception>
    /// <exception cref="TableColumnChangeException">A correction of the columns cannot apply.</exception>
    public async Task<TablePreview> PreviewAsync(string path, string format, TableReadOptions read, TableColumnChanges changes, CancellationToken cancellationToken)
    {
        await using var reading = await TableReading.OpenAsync(path, format, read, changes, cancellationToken);
        var details = reading.Details;
        return new TablePreview(format, reading.TableColumns, reading.PreviewRows(options.PreviewRows), reading.Sample.Count,
            details.Delimiter, details.Encoding, details.Sheet);
    }
}
