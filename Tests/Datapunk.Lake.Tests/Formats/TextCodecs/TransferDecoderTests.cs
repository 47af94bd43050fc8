using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.TextCodecs;

public sealed class TransferDecoderTests
{
    [Fact]
    public void Quoted_printable_handles_soft_breaks_escapes_trailing_space_and_broken_escapes()
    {
        var decoded = QuotedPrintableDecoder.DecodeValue("Gr=FC=DFe  \r\naus M=\r\n=FCnchen =3D 100% =ZZ =4\n=e4"u8);

        Encoding.Latin1.GetString(decoded).ShouldBe("Grüße\naus München = 100% =ZZ =4\nä");
    }

    [Fact]
    public void Quoted_printable_completes_an_escape_cut_between_two_pieces_of_a_long_line()
    {
        var decoder = new QuotedPrintableDecoder();
        var output = new BoundedBuffer(100);

        decoder.Decode("abc="u8, endsLine: false, 0, output);
        decoder.Decode("4"u8, endsLine: false, 0, output);
        decoder.Decode("1def"u8, endsLine: true, 2, output);
        decoder.Decode("next"u8, endsLine: true, 0, output);

        Encoding.ASCII.GetString(output.Span).ShouldBe("abcAdef\nnext");
        decoder.DecodedBytes.ShouldBe(13, "the CRLF between the lines counts as two decoded bytes");
    }

    [Fact]
    public void A_bounded_buffer_drops_what_does_not_fit_and_says_so()
    {
        var buffer = new BoundedBuffer(5);

        buffer.Append("abc"u8);
        buffer.Append("defg"u8);

        Encoding.ASCII.GetString(buffer.Span).ShouldBe("abcde");
        buffer.Truncated.ShouldBeTrue();
    }
}
