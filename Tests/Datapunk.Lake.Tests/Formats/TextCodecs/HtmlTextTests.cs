using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.TextCodecs;

public sealed class HtmlTextTests
{
    [Fact]
    public void Keeps_words_and_block_structure_and_drops_scripts_styles_and_comments()
    {
        const string html = """
            <html><head><title>T</title><style>p{color:red}</style></head>
            <body><!-- hidden --><script>var x = "<p>";</script>
            <h1>Hello&nbsp;&amp; welcome</h1>
            <p>First   paragraph
               continues.</p><p>Second</p>
            <table><tr><td>a</td><td>b</td></tr></table>
            Line<br><br>after a blank, 3 < 4 and <a title='it>s' href="x">link</a>
            </body></html>
            """;

        HtmlText.ToPlainText(html, 1000).ShouldBe("Hello & welcome\nFirst paragraph continues.\nSecond\na b\nLine\n\nafter a blank, 3 < 4 and link");
    }

    [Fact]
    public void Keeps_raw_line_breaks_when_asked_and_truncates()
    {
        HtmlText.ToPlainText("one\ntwo <b>bold</b>", 1000, keepLineBreaks: true).ShouldBe("one\ntwo bold");
        HtmlText.ToPlainText("<p>abcdefgh</p>", 5).ShouldBe("abcde");
    }

    [Theory]
    [InlineData("Call <b>me</b>", true)]
    [InlineData("<a href=\"x\">x</a>", true)]
    [InlineData("if a < b and c > d", false)]
    [InlineData("<unknown>tag</unknown>", false)]
    public void Recognises_html_by_common_tags(string text, bool expected)
    {
        HtmlText.LooksLikeHtml(text).ShouldBe(expected);
    }

    [Fact]
    public void Collapses_every_kind_of_whitespace_of_a_cell_to_single_spaces()
    {
        HtmlText.CollapseWhitespace("\u00A0 Watched\u2003<x>\n\t video\u202F ").ShouldBe("Watched <x> video");
    }

    [Fact]
    public void Keeps_line_breaks_and_layout_spaces_other_than_no_break_when_reducing_html()
    {
        HtmlText.ToPlainText("a\u2003 b<br>c\u00A0\u00A0d", 100).ShouldBe("a\u2003 b\nc d");
    }
}
