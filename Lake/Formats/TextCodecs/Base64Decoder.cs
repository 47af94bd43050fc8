using System.Buffers;

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Base64 as a bit stream: any byte outside the alphabet (line breaks, stray spaces) is skipped and
/// '=' ends a quantum, so wrapped, unwrapped, unpadded and concatenated bodies all decode without
/// exceptions. With no output it only counts, which is how attachment sizes are measured: that is
/// the hot path of a mailbox made mostly of attachments, so it counts whole lines with vectorised
/// searches. One decoder either decodes or counts; it is not switched between the two.
/// </summary>
public sealed class Base64Decoder : ITransferDecoder
{
    private const byte Invalid = 0xFF;

    private static readonly byte[] Values = BuildValues();

    private static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"u8);

    private int _accumulator;
    private int _bits;

    public long DecodedBytes { get; private set; }

    /// <summary>Decodes a whole value (an RFC 2047 "B" word).</summary>
    public static byte[] DecodeValue(ReadOnlySpan<byte> text)
    {
        var output = new BoundedBuffer(Math.Max(16, text.Length));
        new Base64Decoder().Decode(text, endsLine: true, 0, output);
        return output.ToArray();
    }

    public void Decode(ReadOnlySpan<byte> piece, bool endsLine, int terminatorLength, BoundedBuffer? output)
    {
        if (output is null)
        {
            Count(piece);
            return;
        }

        foreach (var b in piece)
        {
            var value = Values[b];
            if (value != Invalid)
            {
                _accumulator = ((_accumulator << 6) | value) & 0xFFFFFF;
                _bits += 6;
                if (_bits >= 8)
                {
                    _bits -= 8;
                    output?.Append((byte)(_accumulator >> _bits));
                    DecodedBytes++;
                }
            }
            else if (b == '=')
            {
                _bits = 0;
                _accumulator = 0;
            }
        }
    }

    /// <summary>The same arithmetic as decoding, per run of alphabet characters instead of per character.</summary>
    private void Count(ReadOnlySpan<byte> piece)
    {
        while (true)
        {
            var padding = piece.IndexOf((byte)'=');
            var segment = padding < 0 ? piece : piece[..padding];
            long valid = segment.Length;
            int skipped;
            while ((skipped = segment.IndexOfAnyExcept(Alphabet)) >= 0)
            {
                valid--;
                segment = segment[(skipped + 1)..];
            }

            var bits = _bits + (6 * valid);
            DecodedBytes += bits / 8;
            _bits = (int)(bits % 8);
            if (padding < 0)
            {
                return;
            }

            _bits = 0;
            piece = piece[(padding + 1)..];
        }
    }

    private static byte[] BuildValues()
    {
        var values = new byte[256];
        Array.Fill(values, Invalid);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            values[alphabet[i]] = (byte)i;
        }

        // The URL-safe alphabet turns up in some generated mail; it cannot be confused with the standard one.
        values['-'] = 62;
        values['_'] = 63;
        return values;
    }
}
