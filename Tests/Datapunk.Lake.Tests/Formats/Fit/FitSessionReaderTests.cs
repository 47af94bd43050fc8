using Datapunk.Lake.Formats.Fit;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Fit;

public sealed class FitSessionReaderTests
{
    private const string WalkFixture = "google.fit.sessions/Fit/All Sessions/2021-03-01T07_44_03.120+01_00_WALKING.json";
    private const string WalkPath = "Takeout/Fit/All Sessions/2021-03-01T07_44_03.120+01_00_WALKING.json";

    private readonly FitSessionReader _reader = new();

    [Fact]
    public async Task Reads_a_session_as_an_activity_event_spanning_its_start_and_end()
    {
        var sink = await FormatHarness.ReadFixtureAsync(_reader, WalkFixture, WalkPath);

        var walk = sink.Records.ShouldHaveSingleItem();
        walk.Kind.ShouldBe(RecordKind.ActivityEvent);
        walk.Title.ShouldBe("fitness: walking");
        walk.OccurredAt.ShouldBe(new DateTime(2021, 3, 1, 6, 44, 3, 120, DateTimeKind.Utc));
        walk.EndedAt.ShouldBe(new DateTime(2021, 3, 1, 7, 31, 40, 877, DateTimeKind.Utc));
        walk.Identity.ShouldBe(RecordIdentity.FromContent("google.fit.session", "walking", walk.OccurredAt, walk.EndedAt));
        walk.Source!["segment"]!.AsArray().Count.ShouldBe(3);
        walk.Source!["aggregate"]!.AsArray()[2]!["intValue"]!.GetValue<int>().ShouldBe(4790);
        sink.Variant.ShouldBe("session");
        sink.UnknownFields.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_a_night_from_a_localised_folder()
    {
        var sink = await FormatHarness.ReadFileAsync(_reader, FormatHarness.FixturePath("google.fit.sessions/Fit/Alle Sitzungen/2021-03-01T23_10_00+01_00_SLEEP.json"));

        var night = sink.Records.ShouldHaveSingleItem();
        night.Title.ShouldBe("fitness: sleep");
        (night.EndedAt - night.OccurredAt).ShouldBe(TimeSpan.FromMinutes(468));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Reads_the_same_when_the_stream_trickles(int bytesPerRead)
    {
        var whole = await FormatHarness.ReadFixtureAsync(_reader, WalkFixture, WalkPath);

        var trickled = await FormatHarness.ReadFixtureAsync(_reader, WalkFixture, WalkPath, bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Reports_each_unknown_field_path_once()
    {
        const string json = """
            {"fitnessActivity":"biking","startTime":"2020-05-01T08:00:00Z","endTime":"2020-05-01T09:00:00Z","device":"watch",
             "segment":[{"fitnessActivity":"biking","startTime":"2020-05-01T08:00:00Z","endTime":"2020-05-01T08:30:00Z","power":210},
                        {"fitnessActivity":"biking","startTime":"2020-05-01T08:30:00Z","endTime":"2020-05-01T09:00:00Z","power":190}]}
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json, WalkPath);

        sink.Records.ShouldHaveSingleItem().Title.ShouldBe("fitness: biking");
        sink.UnknownFields.ShouldBe([("$.device", "watch"), ("$.segment[].power", "210")]);
    }

    [Fact]
    public async Task A_truncated_session_fails_with_the_offset_where_it_ends()
    {
        const string json = "{\"fitnessActivity\":\"walking\",\"startTime\":\"2021-03-01T06:44:03Z\",";

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, WalkPath));

        failure.ByteOffset.ShouldBe(json.Length);
    }

    [Fact]
    public async Task An_empty_placeholder_yields_nothing_with_a_warning()
    {
        var sink = await FormatHarness.ReadAsync(_reader, "", WalkPath);

        sink.Warnings.ShouldBe(["The session file is empty; it holds no session."]);
        sink.Rejections.ShouldBeEmpty("a placeholder holds no session to reject");
    }

    [Fact]
    public async Task A_session_without_a_usable_start_is_rejected_as_missing_or_unreadable_time()
    {
        var noStart = await FormatHarness.ReadAsync(_reader, """{"fitnessActivity":"walking","endTime":"2021-03-01T06:44:03Z"}""", WalkPath);
        var badStart = await FormatHarness.ReadAsync(_reader, """{"fitnessActivity":"walking","startTime":"soon"}""", WalkPath);

        noStart.Records.ShouldBeEmpty();
        noStart.Rejections.ShouldBe([(RejectReason.MissingTime, "The session has no startTime; it was skipped.")]);
        badStart.Records.ShouldBeEmpty();
        badStart.Rejections.ShouldBe([(RejectReason.UnreadableTime, "The session has an unreadable startTime (\"soon\"); it was skipped.")]);
        badStart.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Detects_by_the_session_keys_and_the_session_file_name()
    {
        FormatHarness.Detect(_reader, WalkPath, """{"fitnessActivity":"walking","startTime":"x"}""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Fit/Toutes les sessions/session.json", """{"fitnessActivity":"walking","startTime":"x"}""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, WalkPath, "{}").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Keep/note.json", """{"title":"walking","startTime":"x"}""").ShouldBe(FormatMatch.None);
    }
}
