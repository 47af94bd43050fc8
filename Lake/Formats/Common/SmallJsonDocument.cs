using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Reads an entry that is one small JSON object (a photo sidecar, a Keep note, a Fit session, a
/// Discord channel) whole, with a size cap so a mislabelled huge file fails instead of exhausting
/// memory. Syntax errors carry the exact byte offset, counted from the start of the entry (BOM included).
/// </summary>
public static class SmallJsonDocument
{
    /// <summary>Far above any real sidecar or note (Keep caps a note at 20,000 characters).</summary>
    public const int DefaultMaxBytes = 16 << 20;

    /// <summary>Duplicate keys are refused while parsing: a <see cref="JsonObject"/> would otherwise throw on first use.</summary>
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256, AllowDuplicateProperties = false };

    /// <summary>The entry's top-level object, or null for an empty entry (Takeout writes zero-byte placeholders).</summary>
    public static async Task<JsonObject?> ReadObjectAsync(Stream content, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if (filled > maxBytes)
                {
                    throw new ExportFormatException($"The JSON document is larger than {maxBytes} bytes, too large for this kind of file", maxBytes);
                }
            }

            return Parse(buffer.AsSpan(0, filled));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonObject? Parse(ReadOnlySpan<byte> data)
    {
        var bom = data.StartsWith("\uFEFF"u8) ? 3 : 0;
        var json = data[bom..];
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: Options);
        }
        catch (JsonException exception) when (IsTruncated(json))
        {
            throw new ExportFormatException("The JSON ends before its objects and arrays are closed: the file is truncated", data.Length, exception);
        }
        catch (JsonException exception) when (exception.LineNumber is null)
        {
            throw new ExportFormatException($"Invalid JSON: {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            var offset = bom + OffsetOf(json, exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0);
            var cut = exception.Message.IndexOf(" Path:", StringComparison.Ordinal);
            var reason = cut > 0 ? exception.Message[..cut] : exception.Message;
            throw new ExportFormatException($"Invalid JSON at line {(exception.LineNumber ?? 0) + 1}: {reason}", offset, exception);
        }

        return node as JsonObject
            ?? throw new ExportFormatException($"Expected a JSON object at the top, found {node?.GetValueKind().ToString() ?? "null"}", bom + json.IndexOfAnyExcept(" \t\r\n"u8));
    }

    /// <summary>
    /// One element handed out by <see cref="Json.JsonElementStream"/> as an object, or null after
    /// rejecting it as unparseable when it is something else or repeats a key (the stream has already
    /// checked its syntax).
    /// </summary>
    public static JsonObject? ParseElement(ReadOnlySpan<byte> element, long byteOffset, IImportSink sink)
    {
        try
        {
            if (JsonNode.Parse(element, documentOptions: Options) is JsonObject item)
            {
                return item;
            }

            sink.RejectRecord(RejectReason.Unparseable, $"The element at byte {byteOffset} is not an object; it was skipped.");
        }
        catch (JsonException exception)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The element at byte {byteOffset} was skipped: {exception.Message}");
        }

        return null;
    }

    /// <summary>True when the bytes are a valid start of JSON that stops inside an object or array.</summary>
    private static bool IsTruncated(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 }));
        try
        {
            while (reader.Read())
            {
            }

            return reader.CurrentDepth > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The reader reports (line, byte in line); the importer wants one absolute offset.</summary>
    private static long OffsetOf(ReadOnlySpan<byte> json, long line, long byteInLine)
    {
        long start = 0;
        for (long current = 0; current < line; current++)
        {
            var next = json[(int)start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        return start + byteInLine;
    }
}
