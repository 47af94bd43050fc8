using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Datapunk.Lake.Formats.DatapunkExport;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Writes one data file of an export into its archive entry: the header line, one JSON line per
/// row, and the end line with the line count and the SHA-256 of everything before it
/// (<see cref="DatapunkExportFormat"/>). Lines gather in a small buffer that is hashed and written
/// out every 64 KiB, so a file of any size passes through in bounded memory.
/// </summary>
internal sealed class ExportFileWriter : IDisposable
{
    private const int FlushBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _entry;
    private readonly string _path;
    private readonly string _content;
    private readonly string? _kind;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _lines;
    private long _bytes;

    public ExportFileWriter(Stream entry, string content, string? kind)
    {
        _entry = entry;
        _content = content;
        _kind = kind;
        _path = DatapunkExportFormat.PathOf(content, kind);
        Json = new Utf8JsonWriter(_buffer, Options);
        Json.WriteStartObject();
        Json.WriteStartObject(DatapunkExportFormat.HeaderProperty);
        Json.WriteNumber("version", DatapunkExportFormat.Version);
        Json.WriteString("content", content);
        if (kind is not null)
        {
            Json.WriteString("kind", kind);
        }

        Json.WriteEndObject();
        Json.WriteEndObject();
        EndLine();
    }

    /// <summary>Where the current line's JSON object is written; call <see cref="EndRowAsync"/> after it.</summary>
    public Utf8JsonWriter Json { get; }

    public async ValueTask EndRowAsync(CancellationToken cancellationToken)
    {
        EndLine();
        _lines++;
        if (_buffer.WrittenCount >= FlushBytes)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes the end line; returns the file's entry for the manifest.</summary>
    public async Task<ExportManifestFile> FinishAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        Json.WriteStartObject();
        Json.WriteStartObject(DatapunkExportFormat.EndProperty);
        Json.WriteNumber("lines", _lines);
        Json.WriteString("sha256", sha256);
        Json.WriteEndObject();
        Json.WriteEndObject();
        EndLine();
        _bytes += _buffer.WrittenCount;
        await _entry.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
        return new ExportManifestFile(_path, _content, _kind, _lines, _bytes, sha256);
    }

    public void Dispose()
    {
        Json.Dispose();
        _hash.Dispose();
    }

    private void EndLine()
    {
        Json.Flush();
        Json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _hash.AppendData(_buffer.WrittenSpan);
        _bytes += _buffer.WrittenCount;
        await _entry.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }
}
