using System.Buffers;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Cuts an HTML activity export into its <c>div.outer-cell</c> events while reading, so a file of
/// hundreds of megabytes is never held (or parsed as one document). A cell runs from its
/// <c>&lt;div class="outer-cell …"&gt;</c> to the next one, or to <c>&lt;/body&gt;</c>: the exports'
/// closing tags are not balanced (some cells close one div too many), so boundaries are found by
/// the opening markers alone.
/// </summary>
public sealed class HtmlCellScanner(int maxCellBytes = 16 << 20)
{
    /// <summary>
    /// Receives one cell's bytes, the absolute byte offset where it starts, and whether the file ends
    /// inside it (the last cell, with no <c>&lt;/body&gt;</c> after it: a truncated file).
    /// </summary>
    public delegate void CellHandler(ReadOnlySpan<byte> cell, long byteOffset, bool cutOff);

    private const int ReadSize = 256 << 10;

    // Far enough back from "outer-cell" to reach the "<div" that opens its tag.
    private const int TagLookBehind = 256;

    public async Task ScanAsync(Stream stream, CellHandler onCell, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            var state = new ScanState();
            while (true)
            {
                if (buffer.Length - state.Filled < ReadSize)
                {
                    buffer = Compact(buffer, ref state);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(state.Filled), cancellationToken);
                state.Filled += read;
                FindCells(buffer, ref state, final: read == 0, onCell);
                if (read == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Drops what is done with; grows the buffer only while one cell is larger than it.</summary>
    private byte[] Compact(byte[] buffer, ref ScanState state)
    {
        var keepFrom = state.CellStart >= 0 ? state.CellStart : Math.Max(0, Math.Min(state.ScanFrom, state.Filled) - TagLookBehind);
        var kept = state.Filled - keepFrom;
        var target = buffer;
        if (buffer.Length - kept < ReadSize)
        {
            if (kept >= maxCellBytes)
            {
                throw new ExportFormatException($"An activity cell is larger than {maxCellBytes >> 20} MiB: this is not an activity export or it is damaged", state.BaseOffset + keepFrom);
            }

            target = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, kept + ReadSize));
        }

        Buffer.BlockCopy(buffer, keepFrom, target, 0, kept);
        if (!ReferenceEquals(target, buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        state.BaseOffset += keepFrom;
        state.Filled = kept;
        state.ScanFrom -= keepFrom;
        state.CellStart = state.CellStart >= 0 ? state.CellStart - keepFrom : -1;
        return target;
    }

    private static void FindCells(byte[] buffer, ref ScanState state, bool final, CellHandler onCell)
    {
        var data = buffer.AsSpan(0, state.Filled);
        while (true)
        {
            var found = data[state.ScanFrom..].IndexOf("outer-cell"u8);
            if (found < 0)
            {
                // Keep the last bytes: a marker may be split across two reads.
                state.ScanFrom = Math.Max(state.ScanFrom, state.Filled - "outer-cell".Length);
                break;
            }

            var marker = state.ScanFrom + found;
            state.ScanFrom = marker + "outer-cell".Length;
            var tagStart = OpeningDivBefore(data, marker);
            if (tagStart < 0 || tagStart <= state.CellStart)
            {
                continue;
            }

            if (state.CellStart >= 0)
            {
                onCell(data[state.CellStart..tagStart], state.BaseOffset + state.CellStart, cutOff: false);
            }

            state.CellStart = tagStart;
        }

        if (final && state.CellStart >= 0)
        {
            var last = data[state.CellStart..];
            var bodyEnd = last.LastIndexOf("</body>"u8);
            onCell(bodyEnd >= 0 ? last[..bodyEnd] : last, state.BaseOffset + state.CellStart, cutOff: bodyEnd < 0);
            state.CellStart = -1;
        }
    }

    /// <summary>The index of the <c>&lt;div</c> whose tag holds the marker, or -1 when the marker is text or another tag.</summary>
    private static int OpeningDivBefore(ReadOnlySpan<byte> data, int marker)
    {
        var from = Math.Max(0, marker - TagLookBehind);
        var open = data[from..marker].LastIndexOf((byte)'<');
        if (open < 0)
        {
            return -1;
        }

        open += from;
        var tag = data[open..marker];
        return tag.Length > 4 && tag[1..4].SequenceEqual("div"u8) && tag[4] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' && tag.IndexOf((byte)'>') < 0
            ? open
            : -1;
    }

    private struct ScanState
    {
        public ScanState()
        {
        }

        /// <summary>The absolute offset of the buffer's first byte.</summary>
        public long BaseOffset;

        public int Filled;

        public int ScanFrom;

        public int CellStart = -1;
    }
}
