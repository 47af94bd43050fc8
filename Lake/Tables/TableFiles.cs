namespace Datapunk.Lake.Tables;

/// <summary>Opens an uploaded file as rows by its format.</summary>
public static class TableFiles
{
    public static async Task<ITableRows> OpenAsync(string path, string format, TableReadOptions options, CancellationToken cancellationToken) => format switch
    {
        TableFormats.Csv => await CsvTableRows.OpenAsync(path, cancellationToken),
        TableFormats.Json or TableFormats.JsonLines => await JsonTableRows.OpenAsync(path, format == TableFormats.JsonLines, cancellationToken),
        TableFormats.Parquet => await ParquetTableRows.OpenAsync(path, cancellationToken),
        TableFormats.Xlsx or TableFormats.Xls => ExcelTableRows.Open(path, format, options),
        _ => throw new TableFileException($"'{format}' is not a table format; these are: {string.Join(", ", TableFormats.All)}."),
    };

    /// <summary>A file opened for one sequential pass.</summary>
    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
