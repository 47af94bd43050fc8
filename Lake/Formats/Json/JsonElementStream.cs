using System.Buffers;
using System.Text.Json;

namespace Datapunk.Lake.Formats.Json;

/// <summary>
/// Streams the elements of top-level JSON arrays (a root array, or arrays under chosen top-level
/// properties) from a stream of any size, holding only the current element in memory. A 2 GB
/// single-line <c>Records.json</c> is read with a buffer of a few megabytes.
/// </summary>
public sealed class JsonElementStream
{
    /// <summary>Receives one complete array element (object, array or primitive) and its absolute byte offset.</summary>
    public delegate void ElementHandler(string arrayName, ReadOnlySpan<byte> elementJson, long byteOffset);

    /// <summary>Receives a top-level property that is not one of the streamed arrays (its value is skipped).</summary>
    public delegate void PropertyHandler(string propertyName, long byteOffset);

    private const int InitialBufferSize = 1 << 20;

    private readonly HashSet<string> _arrays;
    private readonly int _maxElementBytes;

    /// <param name="arrayProperties">Top-level properties whose array elements are streamed; the root array is always streamed (name "").</param>
    /// <param name="maxElementBytes">An element larger than this is an error rather than a memory exhaustion.</param>
    public JsonElementStream(IEnumerable<string> arrayProperties, int maxElementBytes = 64 << 20)
    {
        _arrays = new HashSet<string>(arrayProperties, StringComparer.Ordinal);
        _maxElementBytes = maxElementBytes;
    }

    public async Task ReadAsync(Stream stream, ElementHandler onElement, PropertyHandler? onOtherProperty, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var cursor = new Cursor();
            var filled = 0;
            var start = 0;
            var isFinal = false;
            while (true)
            {
                if (!isFinal)
                {
                    (buffer, filled, start) = Compact(buffer, filled, start, _maxElementBytes, cursor.BaseOffset);
                    if (filled == buffer.Length)
                    {
                        throw new ExportFormatException($"A JSON element is larger than {_maxElementBytes >> 20} MiB", cursor.BaseOffset);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    filled += read;
                    isFinal = read == 0;
                }

                if (!cursor.BomChecked)
                {
                    if (filled - start < 3 && !isFinal)
                    {
                        continue;
                    }

                    cursor.BomChecked = true;
                    if (buffer.AsSpan(start, filled - start).StartsWith("\uFEFF"u8))
                    {
                        start += 3;
                        cursor.BaseOffset += 3;
                        cursor.BomLength = 3;
                    }
                }

                var consumed = Parse(buffer.AsSpan(start, filled - start), isFinal, ref cursor, onElement, onOtherProperty);
                start += consumed;
                cursor.BaseOffset += consumed;
                if (cursor.Finished)
                {
                    return;
                }

                if (isFinal)
                {
                    throw new ExportFormatException("The JSON ends before its arrays and objects are closed: the file is truncated", cursor.BaseOffset);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (byte[] Buffer, int Filled, int Start) Compact(byte[] buffer, int filled, int start, int maxElementBytes, long baseOffset)
    {
        var pending = filled - start;
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, pending);
        }

        if (pending == buffer.Length)
        {
            if (buffer.Length >= maxElementBytes)
            {
                throw new ExportFormatException($"A JSON element is larger than {maxElementBytes >> 20} MiB", baseOffset);
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxElementBytes));
            Buffer.BlockCopy(buffer, 0, larger, 0, pending);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        return (buffer, pending, 0);
    }

    /// <summary>Parses as far as the buffered bytes allow; returns how many bytes are done with.</summary>
    private int Parse(ReadOnlySpan<byte> data, bool isFinal, ref Cursor cursor, ElementHandler onElement, PropertyHandler? onOtherProperty)
    {
        var reader = new Utf8JsonReader(data, isFinal, cursor.State);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = (int)reader.BytesConsumed;
                if (cursor.SkipDepth >= 0)
                {
                    // Skipping a value token by token, so a huge unwanted value never needs buffering.
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (reader.CurrentDepth == cursor.SkipDepth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        cursor.SkipDepth = -1;
                    }

                    continue;
                }

                if (cursor.InArray is { } arrayName)
                {
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        cursor.InArray = null;
                        cursor.Finished = cursor.RootIsArray;
                        if (cursor.Finished)
                        {
                            break;
                        }

                        continue;
                    }

                    var elementStart = (int)reader.TokenStartIndex;
                    var probe = reader;
                    if (!TrySkipElement(ref probe, cursor.BaseOffset + elementStart, cursor.BomLength))
                    {
                        cursor.State = before;
                        return beforeConsumed;
                    }

                    onElement(arrayName, data[elementStart..(int)probe.BytesConsumed], cursor.BaseOffset + elementStart);
                    reader = probe;
                    continue;
                }

                if (!reader.Read())
                {
                    break;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray when reader.CurrentDepth == 0:
                        cursor.RootIsArray = true;
                        cursor.InArray = "";
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                        cursor.Finished = true;
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        cursor.Property = reader.GetString()!;
                        break;
                    case JsonTokenType.StartArray when reader.CurrentDepth == 1 && _arrays.Contains(cursor.Property!):
                        cursor.InArray = cursor.Property;
                        break;
                    case JsonTokenType.StartArray or JsonTokenType.StartObject when reader.CurrentDepth == 1:
                        onOtherProperty?.Invoke(cursor.Property!, cursor.BaseOffset + reader.TokenStartIndex);
                        cursor.SkipDepth = 1;
                        break;
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                        when reader.CurrentDepth == 1:
                        onOtherProperty?.Invoke(cursor.Property!, cursor.BaseOffset + reader.TokenStartIndex);
                        break;
                    default:
                        throw new ExportFormatException(
                            $"Unexpected JSON token {reader.TokenType} at depth {reader.CurrentDepth}; expected an object or array at the top",
                            cursor.BaseOffset + reader.TokenStartIndex);
                }

                if (cursor.Finished)
                {
                    break;
                }
            }
        }
        catch (JsonException exception)
        {
            throw ToFormatException(exception, isFinal, cursor.BaseOffset + reader.BytesConsumed, cursor.BomLength);
        }

        cursor.State = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>Skips one element, turning a syntax error inside it into an error that says where.</summary>
    private static bool TrySkipElement(ref Utf8JsonReader probe, long elementOffset, long bomLength)
    {
        try
        {
            return probe.TrySkip();
        }
        catch (JsonException exception)
        {
            throw ToFormatException(exception, probe.IsFinalBlock, elementOffset, bomLength);
        }
    }

    /// <summary>
    /// The reader's positions count from the start of the stream: on the first line (a single-line
    /// file) the position is the exact byte offset; otherwise the line and column are given.
    /// </summary>
    private static ExportFormatException ToFormatException(JsonException exception, bool isFinal, long fallbackOffset, long bomLength)
    {
        if (isFinal && exception.Message.Contains("end of", StringComparison.OrdinalIgnoreCase))
        {
            return new ExportFormatException("The JSON ends before its arrays and objects are closed: the file is truncated", fallbackOffset, exception);
        }

        var line = exception.LineNumber ?? 0;
        var column = exception.BytePositionInLine ?? 0;
        return line == 0
            ? new ExportFormatException($"Invalid JSON: {FirstSentence(exception.Message)}", bomLength + column, exception)
            : new ExportFormatException($"Invalid JSON at line {line + 1}, byte {column + 1} of the line: {FirstSentence(exception.Message)}", fallbackOffset, exception);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private struct Cursor
    {
        public Cursor()
        {
        }

        public JsonReaderState State = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });

        public long BaseOffset;

        public bool BomChecked;

        public int BomLength;

        public bool RootIsArray;

        public bool Finished;

        public string? Property;

        public string? InArray;

        public int SkipDepth = -1;
    }
}
