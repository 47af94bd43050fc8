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
    public void Base64_skips_line_breaks_and_junk_and_counts_without_output()
    {
        var text = "SGVsbG8s\r\nIFfDtnJs\n ZCE=\n"u8;
        Encoding.UTF8.GetString(Base64Decoder.DecodeValue(text)).ShouldBe("Hello, Wörld!");

        var counter = new Base64Decoder();
        counter.Decode(text, endsLine: true, 1, output: null);
        counter.DecodedBytes.ShouldBe(14);
    }

    [Theory]
    [InlineData("QUJD", 3)]
    [InlineData("QUI=", 2)]
    [InlineData("QQ==QUJD", 4)]
    [InlineData("Q U\tJ D\nRA", 4)]
    [InlineData("", 0)]
    public void Counting_matches_decoding_for_every_piece_split(string text, int expected)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Base64Decoder.DecodeValue(bytes).Length.ShouldBe(expected);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var counter = new Base64Decoder();
            counter.Decode(bytes.AsSpan(0, cut), endsLine: false, 0, output: null);
            counter.Decode(bytes.AsSpan(cut), endsLine: true, 0, output: null);
            counter.DecodedBytes.ShouldBe(expected, $"split at {cut}");
        }
    }

    [Fact]
    public void Identity_does_not_count_the_line_break_before_a_boundary()
    {
        var decoder = new IdentityDecoder();
        var output = new BoundedBuffer(100);

        decoder.Decode("line 1"u8, true, 2, output);
        decoder.Decode(""u8, true, 2, output);
        decoder.Decode("line 3"u8, true, 2, output);

        Encoding.ASCII.GetString(output.Span).ShouldBe("line 1\n\nline 3");
        decoder.DecodedBytes.ShouldBe(16, "two CRLFs between three lines, none after the last");
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
