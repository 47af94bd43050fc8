using Datapunk.Lake.Formats.MyActivity;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.MyActivity;

public sealed class MyActivityHtmlReaderTests
{
    private const string FormatId = "google.myactivity.html";
    private const string SearchFixture = "My Activity/Search/MyActivity.html";
    private const string WatchFixture = "YouTube and YouTube Music/history/watch-history.html";
    private const string GermanFixture = "YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html";

    private readonly MyActivityHtmlReader _reader = new();

    [Fact]
    public async Task Reads_the_legacy_search_export_with_dates_without_a_zone()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture);

        sink.Records.Count.ShouldBe(4);
        var search = sink.Records[0];
        search.Kind.ShouldBe(RecordKind.ActivityEvent);
        search.Title.ShouldBe("Searched for résumé template");
        search.Url.ShouldBe("https://www.google.com/search?q=r%C3%A9sum%C3%A9+template&hl=en", "&amp; must be decoded");
        search.Text.ShouldBe("résumé template");
        search.OccurredAt.ShouldBe(FixtureFiles.Utc(2018, 3, 8, 17, 14, 40));
        FixtureFiles.Annotation(search, "timeZone").ShouldBe("unknown", "a date without a zone is read as UTC and said to be so");
        FixtureFiles.Annotation(search, "timeText").ShouldBe("Mar 8, 2018, 5:14:40 PM");
        search.Source!["header"]!.GetValue<string>().ShouldBe("Search");
        search.Source["products"]![0]!.GetValue<string>().ShouldBe("Search");
        search.Source["locationInfos"]![0]!["source"]!.GetValue<string>().ShouldBe("From your home");
        (search.LatitudeE7, search.LongitudeE7).ShouldBe((525200080, 134049540));

        sink.Records[1].Title.ShouldBe("Visited Résumé - Wikipedia", "a literal U+00A0 separates verb and object like &nbsp; does");
        FixtureFiles.Annotation(sink.Records[1], "verb").ShouldBe("Visited");
        sink.Records[1].OccurredAt.ShouldBe(FixtureFiles.Utc(2018, 1, 31, 22, 54, 50));
        sink.Records[2].Title.ShouldBe("Visited Resume Builder & Templates | Free to try");
        FixtureFiles.Flags(sink.Records[2]).ShouldBe(["ad"]);
        sink.Records[3].Title.ShouldBe("Viewed area in Google Maps");
        FixtureFiles.Annotation(sink.Records[3], "verb").ShouldBeNull("the whole title is the link");
        sink.Records[3].OccurredAt.ShouldBe(FixtureFiles.Utc(2016, 2, 29, 0, 0, 1));
        sink.Records[3].Source!["activityControls"]![0]!.GetValue<string>().ShouldBe("Web & App Activity");
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("my-activity.html (dates without zone)");
    }

    [Fact]
    public async Task Reads_youtube_watch_history_with_zones_ads_posts_deleted_videos_and_the_2026_trailing_break()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, WatchFixture);

        sink.Records.Select(r => r.Kind).ShouldBe(
            [RecordKind.YoutubeWatch, RecordKind.YoutubeWatch, RecordKind.YoutubeWatch, RecordKind.ActivityEvent, RecordKind.YoutubeWatch]);
        var latest = sink.Records[0];
        latest.Title.ShouldBe("Watched Building a tiny house in 30 days");
        latest.Text.ShouldBe("Building a tiny house in 30 days\nTiny House Builders");
        latest.OccurredAt.ShouldBe(FixtureFiles.Utc(2026, 2, 2, 20, 15, 0), "07:15 AEDT is 20:15 UTC the day before");
        FixtureFiles.Annotation(latest, "timeZone").ShouldBe("AEDT");
        FixtureFiles.Annotation(latest, "utcOffset").ShouldBe("+11:00");
        FixtureFiles.Annotation(latest, "videoId").ShouldBe("Vid2026aaaa");
        latest.Source!["subtitles"]![0]!["url"]!.GetValue<string>().ShouldBe("https://www.youtube.com/channel/UCtinyhouse0000000000000");
        latest.Source["activityControls"]![0]!.GetValue<string>().ShouldBe("YouTube watch history");
        sink.Records[1].OccurredAt.ShouldBe(FixtureFiles.Utc(2021, 11, 29, 7, 6, 16));
        FixtureFiles.Flags(sink.Records[2]).ShouldBe(["ad"]);
        FixtureFiles.Flags(sink.Records[3]).ShouldBe(["communityPost"]);
        FixtureFiles.Flags(sink.Records[4]).ShouldBe(["deletedVideo"]);
        sink.Records[4].OccurredAt.ShouldBe(FixtureFiles.Utc(2021, 8, 31, 23, 0, 0), "'Sept' and AEST (+10)");
        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("my-activity.html");
    }

    [Fact]
    public async Task Reads_a_german_export_by_markup_and_reports_its_unknown_caption_once()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, GermanFixture);

        sink.Records.Count.ShouldBe(2);
        var watch = sink.Records[0];
        watch.Kind.ShouldBe(RecordKind.YoutubeWatch);
        watch.Title.ShouldBe("Tagesschau 20:00 Uhr, 15.01.2021 angesehen");
        FixtureFiles.Annotation(watch, "verb").ShouldBe("angesehen");
        watch.Text.ShouldBe("Tagesschau 20:00 Uhr, 15.01.2021\ntagesschau", "a title that holds a time is not the date line");
        watch.OccurredAt.ShouldBe(FixtureFiles.Utc(2021, 1, 15, 17, 54, 12));
        sink.Records[1].Kind.ShouldBe(RecordKind.YoutubeSearch);
        sink.Records[1].Text.ShouldBe("nachrichten heute");
        sink.Records[1].OccurredAt.ShouldBe(FixtureFiles.Utc(2021, 1, 14, 6, 3, 59));
        watch.Source!["products"]![0]!.GetValue<string>().ShouldBe("YouTube", "'Produkte:' is the products caption");
        sink.UnknownFields.ShouldBe([("html:caption/Warum wird das angezeigt", "(caption section)")]);
    }

    [Fact]
    public async Task Keeps_text_after_the_date_as_subtitles_as_current_ai_activity_has_it()
    {
        // Current exports put a narrow no-break space before PM.
        const string html = $"""
            <html><body><div class="mdl-grid"><div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">
            <div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">Gemini Apps<br></p></div>
            <div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">Prompted&nbsp;what is an outer-cell in a lake house<br>Feb 3, 2026, 7:15:00{"\u202F"}PM GMT<br><p>A lake house is a <a href="https://en.wikipedia.org/wiki/Cottage">cottage</a> by a lake.</p></div>
            <div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption"><b>Products:</b><br>&emsp;Gemini Apps<br></div></div></div></div></body></html>
            """;

        var sink = await FormatHarness.ReadAsync(_reader, html, bytesPerRead: 3);

        var prompt = sink.Records.ShouldHaveSingleItem("'outer-cell' in text is not a cell boundary");
        prompt.Title.ShouldBe("Prompted what is an outer-cell in a lake house");
        FixtureFiles.Annotation(prompt, "verb").ShouldBe("Prompted");
        prompt.OccurredAt.ShouldBe(FixtureFiles.Utc(2026, 2, 3, 19, 15, 0));
        prompt.Text.ShouldBe("what is an outer-cell in a lake house\nA lake house is a cottage by a lake.");
        prompt.Source!["subtitles"]![0]!["url"]!.GetValue<string>().ShouldBe("https://en.wikipedia.org/wiki/Cottage");
        prompt.Kind.ShouldBe(RecordKind.ActivityEvent);
    }

    [Fact]
    public async Task The_same_event_in_html_and_json_gets_the_same_identity()
    {
        var html = await FixtureFiles.ReadAsync(_reader, FormatId, WatchFixture);
        const string json = """
            [{"header":"YouTube","title":"Watched Rick Astley - Never Gonna Give You Up (Official Video)","titleUrl":"https://www.youtube.com/watch?v\u003ddQw4w9WgXcQ",
              "subtitles":[{"name":"Rick Astley","url":"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw"}],"time":"2021-11-29T07:06:16.789Z","products":["YouTube"]}]
            """;

        var fromJson = await FormatHarness.ReadAsync(new MyActivityJsonReader(), json);

        fromJson.Records.Single().Identity.ShouldBe(html.Records[1].Identity);
        fromJson.Records.Single().Kind.ShouldBe(html.Records[1].Kind);
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_chunking()
    {
        var whole = FixtureFiles.Summary(await FixtureFiles.ReadAsync(_reader, FormatId, WatchFixture));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            var trickled = await FixtureFiles.ReadAsync(_reader, FormatId, WatchFixture, bytesPerRead);
            FixtureFiles.Summary(trickled).ShouldBe(whole, $"reading {bytesPerRead} bytes at a time");
        }
    }

    [Fact]
    public async Task A_truncated_file_keeps_the_whole_cells_and_rejects_the_cut_one_as_truncated()
    {
        var bytes = await File.ReadAllBytesAsync(FixtureFiles.Path(FormatId, SearchFixture), TestContext.Current.CancellationToken);
        var cut = bytes.AsSpan().IndexOf("Viewed area in Google Maps"u8) + "Viewed area in Google Maps".Length;

        var sink = await FixtureFiles.ReadBytesAsync(_reader, bytes[..cut], 4096);

        sink.Records.Count.ShouldBe(3);
        var (reason, message) = sink.Rejections.ShouldHaveSingleItem();
        reason.ShouldBe(RejectReason.Truncated);
        message.ShouldBe($"The activity cell at byte {LastCellStart(bytes[..cut])} was skipped: it has no readable date, and the file ends inside it.");
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_cell_and_a_cell_without_a_date_are_rejected_with_their_offsets()
    {
        const string cell = "<div class=\"outer-cell mdl-cell\"><div class=\"content-cell mdl-cell mdl-typography--body-1\">";
        const string html = "<html><body>" + cell + "</div></div>\n" + cell + "Searched for cats<br>yesterday at noon</div></div>\n</body></html>";

        var sink = await FormatHarness.ReadAsync(_reader, html);

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe(
        [
            (RejectReason.Unparseable, "The activity cell at byte 12 was skipped: it has no content."),
            (RejectReason.UnreadableTime, $"The activity cell at byte {html.LastIndexOf("<div class=\"outer-cell", StringComparison.Ordinal)} was skipped: it has no readable date."),
        ]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cell_without_an_end_larger_than_the_limit_fails_with_its_offset()
    {
        var html = "<html><body><div class=\"mdl-grid\">\n<div class=\"outer-cell mdl-cell\">" + new string('x', 3 << 20);
        var scanner = new HtmlCellScanner(maxCellBytes: 1 << 20);

        var error = await Should.ThrowAsync<ExportFormatException>(() =>
            scanner.ScanAsync(new TrickleStream(Encoding.UTF8.GetBytes(html), 1 << 16), (_, _, _) => { }, TestContext.Current.CancellationToken));

        error.ByteOffset.ShouldBe(html.IndexOf("<div class=\"outer-cell", StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_by_markup_first_and_by_the_localised_names_of_empty_exports()
    {
        var cell = """<div class="outer-cell mdl-cell"><div class="mdl-grid"><div class="header-cell mdl-cell"><p class="mdl-typography--title">Search<br></p></div><div class="content-cell mdl-cell">""";

        FormatHarness.Detect(_reader, "Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.html", cell).ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Mes activités/Recherche/MesActivités.html", cell).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/Bookmarks.html", "<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p>").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/My Activity/Search/MyActivity.json", cell).ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_real_promnesia_sample_exactly()
    {
        var sample = FormatHarness.SharedSample("promnesia/Takeout/My Activity/Chrome/MyActivity.html");
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        sink.Records.Count.ShouldBe(3);
        sink.Records[0].Title.ShouldBe("Visited https://productforums.google.com/forum/");
        sink.Records[0].Url.ShouldBe("https://productforums.google.com/forum/");
        sink.Records[0].OccurredAt.ShouldBe(FixtureFiles.Utc(2018, 1, 31, 22, 54, 50));
        sink.Records[1].Url.ShouldBe("https://www.google.com/url?q=http://www.adobe.com/creativecloud.html&usg=AFQjCNH6fum5tBw7J0dbmUYKGFPduC0vSg");
        sink.Records[1].OccurredAt.ShouldBe(FixtureFiles.Utc(2017, 2, 8, 0, 32, 39));
        sink.Records[2].Title.ShouldBe("Searched for adobe creative cloud");
        sink.Records[2].Text.ShouldBe("adobe creative cloud");
        (sink.Records[2].LatitudeE7, sink.Records[2].LongitudeE7).ShouldBe((258008190, -801863100));
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.ActivityEvent);
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
    }

    private static int LastCellStart(byte[] html) => html.AsSpan().LastIndexOf("<div class=\"outer-cell"u8);
}
