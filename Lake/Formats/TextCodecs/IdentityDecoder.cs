namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// 7bit, 8bit and binary bodies: the bytes as they are. A line break is only counted once another
/// line follows, because the break before a MIME boundary belongs to the boundary, not the body.
/// </summary>
public sealed class IdentityDecoder : ITransferDecoder
{
    private int _pendingBreak;

    public long DecodedBytes { get; private set; }

    public void Decode(ReadOnlySpan<byte> piece, bool endsLine, int terminatorLength, BoundedBuffer? output)
    {
        if (_pendingBreak > 0)
        {
            output?.Append((byte)'\n');
            DecodedBytes += _pendingBreak;
            _pendingBreak = 0;
        }

        output?.Append(piece);
        DecodedBytes += piece.Length;
        if (endsLine)
        {
            _pendingBreak = terminatorLength;
        }
    }
}
