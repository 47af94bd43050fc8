using Datapunk.Lake.Formats.MyActivity;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.MyActivity;

public sealed class MyActivityJsonReaderTests
{
    private const string FormatId = "google.myactivity.json";
    private const string SearchFixture = "My Activity/Search/MyActivity.json";
    private const string GermanMapsFixture = "Meine Aktivitäten/Maps/MeineAktivitäten.json";

    private readonly MyActivityJsonReader _reader = new();

    [Fact]
    public async Task Reads_the_search_fixture_with_bom_spaced_keys_escapes_and_an_ad()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture);

        sink.Records.Count.ShouldBe(4);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.ActivityEvent);
        var search = sink.Records[0];
        search.Title.ShouldBe("Searched for weather berlin");
        search.Url.ShouldBe("https://www.google.com/search?q=weather+berlin", "\\u003d must be decoded");
        search.OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 3, 2, 8, 15, 30, 123));
        search.Text.ShouldBe("weather berlin", "the verb is split off so search indexes what was searched");
        search.Identity.ShouldBe(RecordIdentity.FromContent("Search", "Searched for weather berlin", "https://www.google.com/search?q=weather+berlin", FixtureFiles.Utc(2024, 3, 2, 8, 15, 30)));
        (search.LatitudeE7, search.LongitudeE7).ShouldBe((525200080, 134049540), "the approximate position comes from the location link's center");
        search.Source!["datapunk"]!["verb"]!.GetValue<string>().ShouldBe("Searched for");
        search.Source["activityControls"]![0]!.GetValue<string>().ShouldBe("Web & App Activity");

        sink.Records[1].Url.ShouldBe("https://www.google.com/url?q=https://www.timeanddate.com/weather/germany/berlin/ext&usg=AOvVaw1x");
        sink.Records[1].OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 3, 2, 8, 15, 41));
        sink.Records[1].LatitudeE7.ShouldBeNull();
        FixtureFiles.Flags(sink.Records[2]).ShouldBe(["ad"], "ads are kept and flagged");
        sink.Records[2].OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 3, 1, 19, 2, 3, 500));
        sink.Records[3].Title.ShouldBe("Searched for how to say \"thank you\" in portuguese");
        FixtureFiles.Flags(sink.Records[0]).ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("my-activity.json");
    }

    [Fact]
    public async Task Reads_a_localised_single_line_file_without_splitting_unknown_verbs()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, GermanMapsFixture);

        sink.Records.Count.ShouldBe(2);
        sink.Records[0].Title.ShouldBe("Bereich um Prenzlauer Berg angesehen");
        sink.Records[0].Text.ShouldBe("Bereich um Prenzlauer Berg angesehen");
        sink.Records[0].LatitudeE7.ShouldBeNull("the title link is the viewed area, not where the person was");
        sink.Records[1].Title.ShouldBe("Nach „Alexanderplatz“ gesucht");
        sink.Records[1].Url.ShouldBe("https://www.google.com/maps/search/Alexanderplatz?hl=de");
        (sink.Records[1].LatitudeE7, sink.Records[1].LongitudeE7).ShouldBe((525380000, 134240000));
        sink.Records[1].Source!["datapunk"]!["verb"].ShouldBeNull();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Routes_youtube_entries_by_their_links_and_leaves_other_products_alone()
    {
        const string json = """
            [
              {"header":"YouTube","title":"Watched Cats","titleUrl":"https://www.youtube.com/watch?v\u003dcat123","subtitles":[{"name":"Cat TV","url":"https://www.youtube.com/channel/UCcat"}],"time":"2024-01-01T10:00:00Z","products":["YouTube"]},
              {"header":"YouTube","title":"Searched for cats","titleUrl":"https://www.youtube.com/results?search_query\u003dcats","time":"2024-01-01T09:00:00Z","products":["YouTube"]},
              {"header":"YouTube","title":"Visited Cat TV","titleUrl":"https://www.youtube.com/channel/UCcat","time":"2024-01-01T08:00:00Z","products":["YouTube"]},
              {"header":"Search","title":"Watched Cats","titleUrl":"https://www.youtube.com/watch?v\u003dcat123","time":"2024-01-01T07:00:00Z","products":["Search"]},
              {"title":"Watched Dogs","titleUrl":"https://youtu.be/dog456","time":"2024-01-01T06:00:00Z","products":["YouTube"]}
            ]
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.Select(r => r.Kind).ShouldBe(
            [RecordKind.YoutubeWatch, RecordKind.YoutubeSearch, RecordKind.ActivityEvent, RecordKind.ActivityEvent, RecordKind.YoutubeWatch]);
        sink.Records[0].Text.ShouldBe("Cats\nCat TV");
        sink.Records[0].Source!["datapunk"]!["videoId"]!.GetValue<string>().ShouldBe("cat123");
        sink.Records[1].Text.ShouldBe("cats");
        sink.Records[4].Source!["datapunk"]!["videoId"]!.GetValue<string>().ShouldBe("dog456");
    }

    [Fact]
    public async Task Reports_each_unknown_field_path_once_and_keeps_entries_without_a_time()
    {
        const string json = """
            [
              {"header":"Gemini Apps","title":"Prompted hello","time":"2025-01-01T10:00:00Z","products":["Gemini Apps"],"safeHtmlItem":[{"html":"<p>hi</p>"}],"subtitles":[{"name":"a","url":"u","value":"x"}]},
              {"header":"Gemini Apps","title":"Prompted again","time":"2025-01-01T11:00:00Z","products":["Gemini Apps"],"safeHtmlItem":[{"html":"<p>ho</p>"}],"subtitles":[{"name":"b","value":"y"}]},
              {"header":"Gemini Apps","title":"No time here","products":["Gemini Apps"]},
              42
            ]
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.UnknownFields.ShouldBe([("$[].safeHtmlItem", "[…]"), ("$[].subtitles[].value", "x")]);
        sink.Records.Count.ShouldBe(3);
        sink.Records[2].OccurredAt.ShouldBeNull();
        sink.Warnings.ShouldHaveSingleItem().ShouldContain("kept without one", customMessage: "the entry without a time is kept");
        sink.Rejections.ShouldBe([(RejectReason.Unparseable, "An activity at byte 466 is not a JSON object and was skipped.")]);
    }

    [Fact]
    public async Task Rejects_entries_that_are_unreadable_or_have_neither_a_title_nor_a_time_with_their_offsets()
    {
        const string json = """[{"header":"Search","time":"2025-01-01T10:00:00Z","title":"kept"},{"header":"Search"},{"header":"Search","time":"noon"},{"title":"a","title":"b"}]""";

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.Select(r => r.Title).ShouldBe(["kept"]);
        sink.Rejections.Select(r => r.Reason).ShouldBe([RejectReason.MissingTime, RejectReason.UnreadableTime, RejectReason.Unparseable]);
        sink.Rejections[0].Message.ShouldBe("An activity at byte 66 has no title and no time, and was skipped.");
        sink.Rejections[1].Message.ShouldBe("An activity at byte 86 has no title and an unreadable time (\"noon\"), and was skipped.");
        sink.Rejections[2].Message.ShouldStartWith("An activity at byte 120 could not be read (");
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_chunking()
    {
        var whole = FixtureFiles.Summary(await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            var trickled = await FixtureFiles.ReadAsync(_reader, FormatId, SearchFixture, bytesPerRead);
            FixtureFiles.Summary(trickled).ShouldBe(whole, $"reading {bytesPerRead} bytes at a time");
        }
    }

    [Fact]
    public async Task Broken_json_fails_with_the_byte_offset()
    {
        const string json = """[{"header":"Search","title":"a","time":"2024-01-01T00:00:00Z"},{"header":"Search" "title":"b"}]""";

        var error = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, bytesPerRead: 5));

        error.ByteOffset.ShouldBe(json.IndexOf("\"title\":\"b\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_by_content_under_any_name_but_leaves_youtube_only_files_to_the_youtube_reader()
    {
        const string search = """[{"header":"Search","title":"Searched for x","time":"2024-01-01T00:00:00Z","products":["Search"]}]""";
        const string youTube = """[{"header":"YouTube","title":"Watched x","titleUrl":"https://www.youtube.com/watch?v=x","time":"2024-01-01T00:00:00Z"}]""";

        FormatHarness.Detect(_reader, "Takeout/My Activity/Search/MyActivity.json", search).ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.json", "\uFEFF" + search).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/My Activity/YouTube/MyActivity.json", youTube).ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/My Activity/Takeout/MyActivity.json", "[]").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/My Activity/Takeout/MyActivity.json", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/History.json", """{"Browser History":[]}""").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/Spotify/StreamingHistory0.json", """[{"endTime":"2022-10-28 07:03","artistName":"a","trackName":"t","msPlayed":1}]""").ShouldBe(FormatMatch.None);
    }

    [Theory]
    [InlineData("Search/My Activity.json", 2, "Searched for \"myactivity\" google export")]
    [InlineData("Maps/My Activity.json", 2, "Viewed area around Pheba")]
    [InlineData("Google Play Books/My Activity.json", 1, "Visited Play Books App")]
    public async Task Reads_the_shared_real_samples_exactly(string file, int expectedCount, string expectedTitle)
    {
        var sample = FormatHarness.SharedSample("google-takeout-to-sqlite/Takeout/My Activity/" + file);
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        sink.Records.Count.ShouldBe(expectedCount);
        sink.Records.Select(r => r.Title).ShouldContain(expectedTitle);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.ActivityEvent && r.OccurredAt != null);
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_the_real_maps_sample_field_by_field()
    {
        var sample = FormatHarness.SharedSample("google-takeout-to-sqlite/Takeout/My Activity/Maps/My Activity.json");
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        var search = sink.Records[1];
        search.Title.ShouldBe("Searched for Oktibbeha County Lake, Mississippi, USA");
        search.Text.ShouldBe("Oktibbeha County Lake, Mississippi, USA");
        search.Url.ShouldBe("https://www.google.co.uk/maps/place/Oktibbeha+County+Lake/@33.5088281,-88.9432825,14z/data=!3m1!4b1!4m2!3m1!1s0x888139e250271cc3:0x9efde6f03cb09645");
        search.OccurredAt.ShouldBe(FixtureFiles.Utc(2019, 5, 30, 5, 16, 57, 708));
        (search.LatitudeE7, search.LongitudeE7).ShouldBe((377736920, -1224297370));
    }
}
