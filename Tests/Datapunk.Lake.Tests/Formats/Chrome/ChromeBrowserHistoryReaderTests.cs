using Datapunk.Lake.Formats.Chrome;
using Datapunk.Lake.Tests.Formats.MyActivity;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Chrome;

public sealed class ChromeBrowserHistoryReaderTests
{
    private const string FormatId = "google.chrome.history";
    private const string LegacyFixture = "Chrome/BrowserHistory.json";
    private const string CurrentFixture = "Chrome/History.json";

    private readonly ChromeBrowserHistoryReader _reader = new();

    [Fact]
    public async Task Reads_browser_history_newest_first_with_microsecond_times()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, LegacyFixture);

        sink.Records.Count.ShouldBe(4);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.BrowserVisit);
        var first = sink.Records[0];
        first.Url.ShouldBe("https://www.google.com/search?q=weather+berlin&oq=weather+berlin&sourceid=chrome&ie=UTF-8");
        first.Title.ShouldBe("weather berlin - Google Search");
        first.OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 3, 2, 8, 15, 30).AddTicks(1234560));
        first.Identity.ShouldBe(RecordIdentity.FromContent(first.Url, 1709367330123456L, "cH2xUO/3VeAz0ZFn8Dz4mA=="));
        first.Source!["page_transition"]!.GetValue<string>().ShouldBe("LINK");
        sink.Records[1].OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 3, 2, 8, 15, 41).AddTicks(10));
        sink.Records[2].Title.ShouldBeNull("an empty title is no title");
        sink.Records[2].Text.ShouldBe("http://localhost:8080/");
        sink.Records[3].OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 3, 1, 7, 59, 59).AddTicks(9999990));
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("browser-history.json");
    }

    [Fact]
    public async Task Reads_the_current_single_line_file_with_bom_and_transition_qualifiers()
    {
        var sink = await FixtureFiles.ReadAsync(_reader, FormatId, CurrentFixture);

        sink.Records.Count.ShouldBe(2);
        sink.Records[0].Url.ShouldBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        sink.Records[0].OccurredAt.ShouldBe(FixtureFiles.Utc(2024, 5, 27, 23, 3, 45, 250));
        sink.Records[1].Title.ShouldBe("münchen hauptbahnhof - Google Suche");
        sink.UnknownFields.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reports_unknown_fields_once_and_skips_visits_without_a_time()
    {
        const string json = """
            {"Browser History":[
              {"title":"a","url":"https://a.example/","time_usec":1709367330123456,"client_id":"c","page_transition":"LINK","visit_duration":12},
              {"title":"b","url":"https://b.example/","time_usec":"1709367330123457","client_id":"c","page_transition":"LINK","visit_duration":13},
              {"title":"c","url":"https://c.example/","client_id":"c"}
            ],"Session":{"tabs":[]}}
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.Select(r => r.Url).ShouldBe(["https://a.example/", "https://b.example/"], "a time in a string is read too");
        sink.UnknownFields.ShouldBe([("$.Browser History[].visit_duration", "12"), ("$.Session", "(top-level value)")]);
        sink.Rejections.ShouldBe([(RejectReason.MissingTime, $"A history entry at byte {json.IndexOf("{\"title\":\"c\"", StringComparison.Ordinal)} has no time_usec and was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rejects_visits_without_a_url_with_an_unreadable_time_or_that_are_not_objects()
    {
        const string json = """{"Browser History":[{"title":"no url","time_usec":1709367330123456},{"url":"https://a.example/","time_usec":"soon"},"x"]}""";

        var sink = await FormatHarness.ReadAsync(_reader, json);

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe(
        [
            (RejectReason.MissingField, "A history entry at byte 20 has no URL and was skipped."),
            (RejectReason.UnreadableTime, "A history entry at byte 68 has an unreadable time_usec (\"soon\") and was skipped."),
            (RejectReason.Unparseable, "A history entry at byte 116 is not a JSON object and was skipped."),
        ]);
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_chunking()
    {
        var whole = FixtureFiles.Summary(await FixtureFiles.ReadAsync(_reader, FormatId, CurrentFixture));
        for (var bytesPerRead = 1; bytesPerRead <= 7; bytesPerRead++)
        {
            var trickled = await FixtureFiles.ReadAsync(_reader, FormatId, CurrentFixture, bytesPerRead);
            FixtureFiles.Summary(trickled).ShouldBe(whole, $"reading {bytesPerRead} bytes at a time");
        }
    }

    [Fact]
    public async Task Broken_json_fails_with_the_byte_offset()
    {
        const string json = """{"Browser History":[{"title":"a","url":"https://a.example/","time_usec":17093673301234x6}]}""";

        var error = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, bytesPerRead: 2));

        error.ByteOffset.ShouldBe(json.IndexOf("x6", StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_the_browser_history_key_under_any_name()
    {
        FormatHarness.Detect(_reader, "Takeout/Chrome/BrowserHistory.json", """{"Browser History": [ {"title":""}]}""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/Verlauf.json", "\uFEFF{\n  \"Browser History\" : [ ]\n}").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/Historique.json", """{"Browser History":[]}""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Chrome/History.json", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/SyncSettings.json", """{"Sync Settings":{"Browser History":true}}""").ShouldBe(FormatMatch.None);
    }
}
