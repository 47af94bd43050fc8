using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Streams the records of a CSV entry (RFC 4180: quoted fields across lines, doubled quotes, CRLF or
/// LF) with the byte offset of each, holding one record in memory. A BOM is dropped. A quoted field
/// that never closes (a truncated file) is an error; a stray quote inside a field is a warning and
/// the field is kept as written.
/// </summary>
public static class CsvRows
{
    /// <summary>A field this long is a runaway quote in a broken file, not data.</summary>
    private const int MaxFieldChars = 16 << 20;

    public static async IAsyncEnumerable<CsvRow> ReadAsync(Stream content, IImportSink sink, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The BOM is decoded as U+FEFF rather than skipped so that CsvHelper's byte count includes it.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        string? badField = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            CountBytes = true,
            Encoding = encoding,
            DetectColumnCountChanges = false,
            MaxFieldSize = MaxFieldChars,
            BadDataFound = args => badField ??= args.Field,
        };
        using var text = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        using var parser = new CsvParser(text, configuration);
        long rowStart = 0;
        var first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = await parser.ReadAsync();
            }
            catch (CsvHelperException exception)
            {
                throw new ExportFormatException($"Unreadable CSV record: {exception.GetType().Name}", rowStart, exception);
            }

            if (!more)
            {
                yield break;
            }

            var fields = parser.Record ?? [];
            if (first && fields.Length > 0 && fields[0].StartsWith('\uFEFF'))
            {
                fields[0] = fields[0][1..];
                if (badField is not null && badField.StartsWith('\uFEFF') && fields[0] is ['"', .., '"'])
                {
                    // A quoted first header behind a BOM looks like a stray quote to the parser.
                    fields[0] = fields[0][1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
                    badField = null;
                }
            }

            first = false;
            if (badField is not null)
            {
                if (badField.StartsWith('"') && badField.Count(c => c == '"') % 2 == 1)
                {
                    throw new ExportFormatException("A quoted CSV field is never closed: the file is truncated or broken", rowStart);
                }

                sink.ReportWarning($"The CSV record at byte {rowStart} has a stray quote in a field; the field was kept as written.");
                badField = null;
            }

            yield return new CsvRow(fields, rowStart);
            rowStart = parser.ByteCount;
        }
    }
}
