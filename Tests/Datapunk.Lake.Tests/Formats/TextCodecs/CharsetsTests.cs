using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.TextCodecs;

public sealed class CharsetsTests
{
    [Theory]
    [InlineData("iso-8859-1", new byte[] { 0x4B, 0xE4, 0x73, 0x65 }, "Käse")]
    [InlineData("windows-1252", new byte[] { 0x80, 0x20, 0x93, 0x78, 0x94 }, "€ “x”")]
    [InlineData("\"cp1252\"", new byte[] { 0x96 }, "–")]
    [InlineData("koi8-r", new byte[] { 0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4 }, "Привет")]
    [InlineData("us-ascii", new byte[] { 0xC3, 0xA9 }, "é")]
    [InlineData("us-ascii", new byte[] { 0xE9 }, "é")]
    [InlineData("x-unknown", new byte[] { 0xE9, 0x74, 0xE9 }, "été")]
    [InlineData(null, new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, "a")]
    public void Decodes_declared_charsets_and_falls_back_for_lies_and_unknown_labels(string? charset, byte[] bytes, string expected)
    {
        Charsets.Decode(bytes, charset).ShouldBe(expected);
    }

    [Fact]
    public void Utf8_cut_inside_a_character_is_still_utf8()
    {
        Charsets.DecodeUtf8OrLegacy([0x4B, 0xC3, 0xA4, 0x73, 0xC3], cut: true).ShouldBe("Käs");
        Charsets.DecodeUtf8OrLegacy([0x63, 0x61, 0x66, 0xE9]).ShouldBe("café", "an uncut legacy text ending in a high byte is not UTF-8");
    }
}
