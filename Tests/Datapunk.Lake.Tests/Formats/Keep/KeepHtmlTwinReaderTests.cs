using Datapunk.Lake.Formats.Keep;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Keep;

public sealed class KeepHtmlTwinReaderTests
{
    private readonly KeepHtmlTwinReader _reader = new();

    [Fact]
    public async Task Recognises_the_html_twin_and_yields_nothing_because_the_json_carries_the_note()
    {
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "google.keep.html", "Keep", "Groceries.html"));

        var sink = await FormatHarness.ReadAsync(_reader, html, "Takeout/Keep/Groceries.html", bytesPerRead: 5);

        sink.Records.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("html-twin");
        FormatHarness.Detect(_reader, "Takeout/Notizen/Einkauf.html", html).ShouldBe(FormatMatch.ByContent);
    }

    [Fact]
    public void Does_not_claim_other_html()
    {
        FormatHarness.Detect(_reader, "Takeout/My Activity/Search/MyActivity.html", """<html><body><div class="outer-cell"><div class="header-cell">Search</div></div></body></html>""")
            .ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/Keep/Note.html", "<html></html>").ShouldBe(FormatMatch.ByName);
    }
}
