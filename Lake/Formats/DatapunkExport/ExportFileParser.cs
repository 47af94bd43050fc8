using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.DatapunkExport;

/// <summary>
/// Reads one data file of a Datapunk export line by line: the header says what the lines are, each
/// line becomes a record or a fix (<see cref="ExportedLines"/>), and the end line's count and SHA-256
/// must match what was read. Records are handed on as they are read, so a file that turns out to be
/// damaged has stored what preceded the damage; its import fails with the reason.
/// </summary>
internal sealed class ExportFileParser(IImportSink sink) : IDisposable
{
    private static readonly byte[] EndStart = "{\"datapunk_export_end\":"u8.ToArray();
    private static readonly byte[] LineBreak = "\n"u8.ToArray();

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _content;
    private RecordKind? _kind;
    private long _lines;
    private (long Lines, string Sha256)? _end;
    private long _endLine;

    public void Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (_end is not null)
        {
            if (!line.Trim(" \t\r"u8).IsEmpty)
            {
                throw Damaged($"line {lineNumber:N0} follows the end line (line {_endLine:N0})");
            }

            return;
        }

        if (line.StartsWith(EndStart))
        {
            _end = ParseEnd(line, lineNumber);
            _endLine = lineNumber;
            return;
        }

        _hash.AppendData(line);
        _hash.AppendData(LineBreak);
        if (_content is null)
        {
            ReadHeader(line);
            return;
        }

        _lines++;
        ReadRow(line, lineNumber);
    }

    public void RejectTooLong(long lineNumber)
    {
        // The line's bytes were not kept, so the file can no longer be checked: it fails at the end.
        _hash.AppendData("\u0000too long\u0000"u8);
        _lines++;
        sink.RejectRecord(RejectReason.Unparseable, $"line {lineNumber:N0} of {sink.EntryPath} is longer than {DatapunkExportReader.MaxLineBytes:N0} bytes");
    }

    /// <summary>Checks the end line against what was read.</summary>
    public void Finish()
    {
        if (_end is not { } end)
        {
            throw Damaged($"it ends after {_lines:N0} lines without its end line: it was cut off");
        }

        var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (end.Lines != _lines)
        {
            throw Damaged($"its end line counts {end.Lines:N0} lines, but {_lines:N0} were read");
        }

        if (!string.Equals(end.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Damaged($"its SHA-256 is {sha256}, but its end line and the manifest say {end.Sha256}");
        }
    }

    public void Dispose() => _hash.Dispose();

    private void ReadHeader(ReadOnlySpan<byte> line)
    {
        var header = Parse(line, 1)?[DatapunkExportFormat.HeaderProperty] as JsonObject
            ?? throw new ExportFormatException($"{sink.EntryPath}: the first line is not a Datapunk export header.", 0);
        var version = header["version"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : 0;
        if (version is < 1 or > DatapunkExportFormat.Version)
        {
            throw new ExportFormatException(
                $"{sink.EntryPath} is from a Datapunk export of version {version}; this Datapunk reads versions 1 to {DatapunkExportFormat.Version}.", 0);
        }

        _content = header["content"] is JsonValue c && c.TryGetValue<string>(out var content) ? content : "";
        if (_content == DatapunkExportFormat.RecordsContent)
        {
            var kindName = header["kind"] is JsonValue k && k.TryGetValue<string>(out var name) ? name : null;
            _kind = ExportedLines.KindNamed(kindName)
                ?? throw new ExportFormatException($"{sink.EntryPath} holds records of kind '{kindName}', which this Datapunk does not know.", 0);
        }
        else if (!ExportedLines.HistoryContents.Contains(_content) && _content != DatapunkExportFormat.LocationPointsContent)
        {
            throw new ExportFormatException($"{sink.EntryPath} holds '{_content}', which this Datapunk does not know.", 0);
        }

        sink.SetVariant(_kind is { } kind ? $"{_content}:{kind.ToName()}" : _content);
    }

    private void ReadRow(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (Parse(line, lineNumber) is not { } row)
        {
            return;
        }

        try
        {
            switch (_content)
            {
                case DatapunkExportFormat.RecordsContent:
                    ExportedLines.AddRecord(row, _kind!.Value, sink, lineNumber);
                    break;
                case DatapunkExportFormat.LocationPointsContent:
                    ExportedLines.AddFix(row, sink, lineNumber);
                    break;
                default:
                    // Import history: checked (it is part of the checksum) and left to the importing Datapunk's own.
                    break;
            }
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or OverflowException)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"line {lineNumber:N0} of {sink.EntryPath}: {exception.Message}");
        }
    }

    private JsonObject? Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject row)
            {
                return row;
            }
        }
        catch (JsonException exception)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"line {lineNumber:N0} of {sink.EntryPath} is not JSON: {exception.Message}");
            return null;
        }

        sink.RejectRecord(RejectReason.Unparseable, $"line {lineNumber:N0} of {sink.EntryPath} is not a JSON object");
        return null;
    }

    private (long Lines, string Sha256) ParseEnd(ReadOnlySpan<byte> line, long lineNumber)
    {
        try
        {
            if (JsonNode.Parse(line)?[DatapunkExportFormat.EndProperty] is JsonObject end
                && end["lines"] is JsonValue lines && lines.TryGetValue<long>(out var count)
                && end["sha256"] is JsonValue sha && sha.TryGetValue<string>(out var sha256))
            {
                return (count, sha256);
            }
        }
        catch (JsonException)
        {
            // Reported below, with the line.
        }

        throw Damaged($"its end line (line {lineNumber:N0}) is not readable");
    }

    private ExportFormatException Damaged(string what) =>
        new($"{sink.EntryPath} does not match its checksum: {what}. The export is damaged; download or copy it again");
}
