namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Quoted-printable (RFC 2045 §6.7): <c>=XX</c> escapes, soft line breaks (a line ending in '='),
/// trailing whitespace dropped. Broken escapes are kept literally rather than failing: mailers get
/// this wrong often enough. An escape cut by a long-line piece boundary is completed by the next piece.
/// </summary>
public sealed class QuotedPrintableDecoder
{
    private readonly byte[] _held = new byte[3];
    private int _heldCount;
    private int _pendingBreak;

    public long DecodedBytes { get; private set; }

    /// <summary>Decodes a whole value (vCard 2.1 properties), its line breaks as LF.</summary>
    public static byte[] DecodeValue(ReadOnlySpan<byte> text)
    {
        var decoder = new QuotedPrintableDecoder();
        var output = new BoundedBuffer(Math.Max(16, text.Length));
        while (true)
        {
            var newline = text.IndexOf((byte)'\n');
            if (newline < 0)
            {
                decoder.Decode(text, endsLine: true, 0, output);
                return output.ToArray();
            }

            var line = text[..newline];
            var terminator = 1;
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
                terminator = 2;
            }

            decoder.Decode(line, endsLine: true, terminator, output);
            text = text[(newline + 1)..];
        }
    }

    public void Decode(ReadOnlySpan<byte> piece, bool endsLine, int terminatorLength, BoundedBuffer? output)
    {
        if (_pendingBreak > 0)
        {
            Write((byte)'\n', _pendingBreak, output);
            _pendingBreak = 0;
        }

        if (endsLine)
        {
            piece = piece.TrimEnd(" \t"u8);
        }

        foreach (var b in piece)
        {
            Feed(b, output);
        }

        if (!endsLine)
        {
            return;
        }

        if (_heldCount == 1)
        {
            // '=' at the end of a line: a soft break, the line continues on the next one.
            _heldCount = 0;
            return;
        }

        FlushHeld(output);
        _pendingBreak = terminatorLength;
    }

    private void Feed(byte b, BoundedBuffer? output)
    {
        if (_heldCount == 0)
        {
            if (b == '=')
            {
                _held[_heldCount++] = b;
            }
            else
            {
                Write(b, 1, output);
            }

            return;
        }

        _held[_heldCount++] = b;
        if (!IsHex(b))
        {
            // Not an escape after all: the '=' is literal, and what followed is read again.
            var rest = _held.AsSpan(1, _heldCount - 1).ToArray();
            _heldCount = 0;
            Write((byte)'=', 1, output);
            foreach (var r in rest)
            {
                Feed(r, output);
            }

            return;
        }

        if (_heldCount == 3)
        {
            _heldCount = 0;
            Write((byte)((HexValue(_held[1]) << 4) | HexValue(_held[2])), 1, output);
        }
    }

    private void FlushHeld(BoundedBuffer? output)
    {
        for (var i = 0; i < _heldCount; i++)
        {
            Write(_held[i], 1, output);
        }

        _heldCount = 0;
    }

    private void Write(byte b, int counted, BoundedBuffer? output)
    {
        output?.Append(b);
        DecodedBytes += counted;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'F' or >= (byte)'a' and <= (byte)'f';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
