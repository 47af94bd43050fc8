using Datapunk.Lake.Formats.TextCodecs;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.TextCodecs;

public sealed class ContentLineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(64 * 1024)]
    public async Task Unfolds_lines_split_inside_a_utf8_character_and_parses_groups_and_parameters(int bytesPerRead)
    {
        var bytes = Concat("\uFEFFBEGIN:VCARD\r\nNOTE:Gr"u8, [0xC3], "\r\n "u8, [0xBC], "n\\, sch\r\n\tön\r\n"u8,
            "item1.EMAIL;TYPE=INTERNET,HOME;type=pref:a@b.c\nX-TEXT;X-PARAM=\"a:b;c\":value:with:colons\n\nEND:VCARD"u8);

        var lines = await ReadAll(bytes, bytesPerRead);

        lines.Select(l => (l.Group, l.Name, l.Value)).ShouldBe(
        [
            ((string?)null, "BEGIN", "VCARD"),
            (null, "NOTE", "Grün\\, schön"),
            ("item1", "EMAIL", "a@b.c"),
            (null, "X-TEXT", "value:with:colons"),
            (null, "END", "VCARD"),
        ]);
        lines[0].Offset.ShouldBe(3, "the BOM is not part of the first line");
        lines[2].ParameterValues("TYPE").ShouldBe(["INTERNET", "HOME", "pref"]);
        lines[3].Parameter("X-PARAM").ShouldBe("a:b;c");
    }

    [Fact]
    public async Task Joins_vcard21_quoted_printable_soft_breaks_and_unindented_base64()
    {
        var bytes = Encoding.Latin1.GetBytes(
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Zeile 1=0D=0AK=E4se=\r\n und Wurst=\r\nende\r\n"
            + "PHOTO;ENCODING=BASE64;JPEG:\r\n/9j/4AAQ\r\nSkZJRg==\r\n\r\nTEL;HOME;VOICE:123\r\n");

        var lines = await ReadAll(bytes, 3);

        lines.Select(l => (l.Name, l.Value)).ShouldBe([("NOTE", "Zeile 1\r\nKäse und Wurstende"), ("PHOTO", "/9j/4AAQSkZJRg=="), ("TEL", "123")]);
        lines[2].ParameterValues("TYPE").ShouldBe(["HOME", "VOICE"]);
    }

    [Fact]
    public async Task Marks_lines_without_a_name_and_colon_as_malformed_and_bounds_long_lines()
    {
        var bytes = Encoding.UTF8.GetBytes("just text\r\nBAD NAME:x\r\nDESCRIPTION:" + new string('x', 200) + "\r\n " + new string('y', 100) + "\r\nEND:X");
        var reader = new ContentLineReader(new MemoryStream(bytes), maxLineBytes: 64);
        var lines = new List<ContentLine>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
        }

        lines.Select(l => l.IsMalformed).ShouldBe([true, true, false, false]);
        lines[0].Value.ShouldBe("just text");
        lines[2].Value.ShouldBe(new string('x', 52));
        lines[2].Truncated.ShouldBeTrue();
        lines[3].Offset.ShouldBe(bytes.Length - 5);
    }

    [Fact]
    public void Unescapes_and_splits_structured_values_on_unescaped_separators()
    {
        ContentValues.Split(@";;Main St 1\nBack\, left;City\;Town;;;", ';').ShouldBe(["", "", "Main St 1\nBack, left", "City;Town", "", "", ""]);
        ContentValues.Unescape(@"http\://x.example\\path\N").ShouldBe("http://x.example\\path\n");
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Concat(ReadOnlySpan<byte> a, byte[] b, ReadOnlySpan<byte> c, byte[] d, ReadOnlySpan<byte> e, ReadOnlySpan<byte> f) =>
        Concat(a.ToArray(), b, c.ToArray(), d, e.ToArray(), f.ToArray());

    private static async Task<List<ContentLine>> ReadAll(byte[] bytes, int bytesPerRead)
    {
        var reader = new ContentLineReader(new TrickleStream(bytes, bytesPerRead));
        var lines = new List<ContentLine>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
