using System.Buffers;

namespace Datapunk.Lake.Formats.OwnTracks;

/// <summary>
/// Streams the lines of a text file of any size, holding one buffer: a recorder file grows by a
/// line per fix for years. A line longer than the limit is reported and skipped, not buffered.
/// </summary>
internal static class Utf8LineReader
{
    /// <summary>Receives one line without its line break (LF or CRLF), numbered from 1.</summary>
    public delegate void LineHandler(ReadOnlySpan<byte> line, long lineNumber);

    private const int InitialBufferSize = 64 * 1024;

    public static async Task ReadAsync(Stream stream, LineHandler onLine, Action<long> onTooLong, int maxLineBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, maxLineBytes));
        try
        {
            var filled = 0;
            var lineNumber = 0L;
            var skipping = false;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                var done = Split(buffer.AsSpan(0, filled), read == 0, onLine, ref lineNumber, ref skipping);
                filled -= done;
                if (read == 0)
                {
                    return;
                }

                if (filled > 0 && done > 0)
                {
                    Buffer.BlockCopy(buffer, done, buffer, 0, filled);
                }

                if (filled == buffer.Length)
                {
                    if (buffer.Length >= maxLineBytes)
                    {
                        onTooLong(lineNumber + 1);
                        skipping = true;
                        filled = 0;
                        continue;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLineBytes));
                    Buffer.BlockCopy(buffer, 0, larger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands out the complete lines in <paramref name="data"/>; returns the bytes consumed.</summary>
    private static int Split(ReadOnlySpan<byte> data, bool isFinal, LineHandler onLine, ref long lineNumber, ref bool skipping)
    {
        var start = 0;
        while (true)
        {
            var end = data[start..].IndexOf((byte)'\n');
            if (end < 0)
            {
                if (isFinal && start < data.Length)
                {
                    Deliver(data[start..], onLine, ref lineNumber, ref skipping);
                    return data.Length;
                }

                return start;
            }

            Deliver(data.Slice(start, end), onLine, ref lineNumber, ref skipping);
            start += end + 1;
        }
    }

    private static void Deliver(ReadOnlySpan<byte> line, LineHandler onLine, ref long lineNumber, ref bool skipping)
    {
        lineNumber++;
        if (skipping)
        {
            // The tail of a line already reported as too long.
            skipping = false;
            return;
        }

        onLine(line.EndsWith("\r"u8) ? line[..^1] : line, lineNumber);
    }
}
