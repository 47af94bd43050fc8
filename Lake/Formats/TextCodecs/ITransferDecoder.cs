namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Undoes a transfer encoding (identity, quoted-printable, base64) piece by piece as a body's lines
/// arrive, so that a body is decoded or merely measured without ever being held whole.
/// </summary>
public interface ITransferDecoder
{
    /// <summary>Decoded bytes so far: an attachment's size when nothing is kept.</summary>
    long DecodedBytes { get; }

    /// <summary>Decodes one line or piece of a line.</summary>
    /// <param name="piece">The bytes, without the line terminator.</param>
    /// <param name="endsLine">True when the piece ends its line.</param>
    /// <param name="terminatorLength">Bytes of the terminator that followed (0 at the end of the input).</param>
    /// <param name="output">Where decoded bytes go (line breaks as LF), or null to count them only.</param>
    void Decode(ReadOnlySpan<byte> piece, bool endsLine, int terminatorLength, BoundedBuffer? output);
}
