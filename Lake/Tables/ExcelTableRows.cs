using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using ExcelDataReader;

namespace Datapunk.Lake.Tables;

/// <summary>
/// A worksheet of an Excel workbook (xlsx, or the older binary xls) as a table, read a row at a time by
/// ExcelDataReader: the first sheet unless <see cref="TableReadOptions.Sheet"/> names one (by name or 1-based
/// position). Its first row is the header, up to the last non-empty header cell; empty rows are skipped but
/// counted, so a row number is the sheet's row number minus one. An xlsx is a zip: one whose parts declare more
/// than <see cref="TableReadOptions.MaxInflatedBytes"/> decompressed is refused before it is read.
/// </summary>
public sealed class ExcelTableRows : ITableRows
{
    private readonly FileStream _file;
    private readonly IExcelDataReader _reader;

    private ExcelTableRows(FileStream file, IExcelDataReader reader, IReadOnlyList<string?> header, string sheet)
    {
        _file = file;
        _reader = reader;
        Header = header;
        Details = new TableFileDetails(Sheet: sheet);
    }

    public IReadOnlyList<string?> Header { get; }

    public TableFileDetails Details { get; }

    public static ExcelTableRows Open(string path, string format, TableReadOptions options)
    {
        CodePages.EnsureRegistered();
        if (format == TableFormats.Xlsx)
        {
            RefuseZipBomb(path, options.MaxInflatedBytes);
        }

        var file = TableFiles.OpenRead(path);
        IExcelDataReader? reader = null;
        try
        {
            try
            {
                reader = format == TableFormats.Xlsx ? ExcelReaderFactory.CreateOpenXmlReader(file) : ExcelReaderFactory.CreateBinaryReader(file);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or NotSupportedException)
            {
                throw new TableFileException($"The file is not a readable {format} workbook: {exception.Message}", exception);
            }

            var sheet = SelectSheet(reader, options.Sheet);
            if (!reader.Read())
            {
                throw new TableFileException($"Sheet \"{sheet}\" is empty: its first row must be the header.");
            }

            var header = new List<string?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                header.Add(Text(reader.GetValue(i)));
            }

            var width = header.FindLastIndex(h => h is not null) + 1;
            if (width == 0)
            {
                throw new TableFileException($"The first row of sheet \"{sheet}\" is empty: it must be the header.");
            }

            return new ExcelTableRows(file, reader, header[..width], sheet);
        }
        catch
        {
            reader?.Dispose();
            file.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<TableRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        long number = 0;
        while (_reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var cells = new object?[Header.Count];
            var empty = true;
            for (var i = 0; i < cells.Length && i < _reader.FieldCount; i++)
            {
                cells[i] = Cell(_reader.GetValue(i));
                empty &= cells[i] is null;
            }

            if (!empty)
            {
                yield return new TableRow(number, cells);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _file.DisposeAsync();
    }

    private static string SelectSheet(IExcelDataReader reader, string? wanted)
    {
        if (string.IsNullOrWhiteSpace(wanted))
        {
            return reader.Name;
        }

        var names = new List<string>();
        var position = int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        do
        {
            names.Add(reader.Name);
            if (string.Equals(reader.Name, wanted, StringComparison.OrdinalIgnoreCase) || names.Count == position)
            {
                return reader.Name;
            }
        }
        while (reader.NextResult());

        throw new TableFileException($"The workbook has no sheet \"{wanted}\"; its sheets are: {string.Join(", ", names.Select(n => $"\"{n}\""))}.");
    }

    private static void RefuseZipBomb(string path, long maxInflatedBytes)
    {
        long declared = 0;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
            }
        }
        catch (InvalidDataException exception)
        {
            throw new TableFileException($"The file is not a readable xlsx workbook (an xlsx is a zip): {exception.Message}", exception);
        }

        if (declared > maxInflatedBytes)
        {
            throw new TableFileException(
                $"The workbook would inflate to {TableValues.Count(declared)} bytes, more than the {TableValues.Count(maxInflatedBytes)} allowed: save it as CSV, or split it.");
        }
    }

    private static string? Text(object? value) => Cell(value) switch
    {
        null => null,
        string text => text.Trim(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static object? Cell(object? value) => value switch
    {
        null or DBNull => null,
        string text => text.Length == 0 ? null : text,
        double or bool => value,
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
        int i => (long)i,
        float f => (double)f,
        decimal d => d,
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
