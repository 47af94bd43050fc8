using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace Datapunk.Lake.Tables;

/// <summary>
/// A CSV file as a table (RFC 4180 by CsvHelper, in the <see cref="CsvDialect"/> detected): the first record is
/// the header, every other non-blank record a row. A row with more non-empty fields than the header is an error
/// naming it; missing fields are empty.
/// </summary>
public sealed class CsvTableRows : ITableRows
{
    private const int MaxFieldChars = 16 << 20;

    private readonly FileStream _file;
    private readonly StreamReader _text;
    private readonly CsvParser _parser;

    private CsvTableRows(FileStream file, CsvDialect dialect, IReadOnlyList<string?> header, StreamReader text, CsvParser parser)
    {
        _file = file;
        _text = text;
        _parser = parser;
        Header = header;
        Details = new TableFileDetails(dialect.DelimiterName, dialect.EncodingName);
    }

    public IReadOnlyList<string?> Header { get; }

    public TableFileDetails Details { get; }

    public static async Task<CsvTableRows> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = TableFiles.OpenRead(path);
        try
        {
            var dialect = await CsvDialect.DetectAsync(file, cancellationToken);
            var text = new StreamReader(file, dialect.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            var parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = dialect.Delimiter.ToString(),
                DetectColumnCountChanges = false,
                MaxFieldSize = MaxFieldChars,
                BadDataFound = null,
            });
            if (!await ReadRecordAsync(parser, 0))
            {
                throw new TableFileException("The file is empty: a CSV table needs a header line.");
            }

            return new CsvTableRows(file, dialect, [.. parser.Record!.Select(h => (string?)h.Trim())], text, parser);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<TableRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        while (await ReadRecordAsync(_parser, number + 1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var fields = _parser.Record!;
            var cells = new object?[Header.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                if (i < cells.Length)
                {
                    cells[i] = fields[i].Length == 0 ? null : fields[i];
                }
                else if (fields[i].Trim().Length > 0)
                {
                    throw new TableFileException(
                        $"row {TableValues.Count(number)} has {fields.Length} fields, but the header has {Header.Count}: \"{TableValues.Shorten(fields[i])}\" has no column.");
                }
            }

            yield return new TableRow(number, cells);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _parser.Dispose();
        _text.Dispose();
        await _file.DisposeAsync();
    }

    private static async Task<bool> ReadRecordAsync(CsvParser parser, long number)
    {
        try
        {
            return await parser.ReadAsync();
        }
        catch (CsvHelperException exception)
        {
            throw new TableFileException($"row {TableValues.Count(number)} is not readable CSV ({exception.GetType().Name}): a quote may never close.", exception);
        }
    }
}
