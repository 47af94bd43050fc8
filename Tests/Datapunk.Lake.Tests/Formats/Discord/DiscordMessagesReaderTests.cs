using Datapunk.Lake.Formats.Discord;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Discord;

public sealed class DiscordMessagesReaderTests
{
    private const string CsvFixture = "messages/c712345678901234567/messages.csv";
    private const string JsonFixture = "Messages/c812345678901234567/messages.json";

    private readonly DiscordMessagesReader _reader = new();

    [Fact]
    public async Task Reads_csv_messages_with_quoted_multi_line_contents()
    {
        var sink = await ReadFixtureAsync(CsvFixture);

        sink.Records.Count.ShouldBe(4);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.DiscordMessage);
        var first = sink.Records[0];
        first.Identity.ShouldBe("discord:1085309052247867399");
        first.OccurredAt.ShouldBe(new DateTime(2023, 3, 14, 21, 10, 42, 123, DateTimeKind.Utc));
        first.Text.ShouldBe("see you at 8, bring the \"good\" snacks");
        first.Source!.ToJsonString().ShouldBe(
            """{"ID":"1085309052247867399","Timestamp":"2023-03-14 21:10:42.123000\u002B00:00","Contents":"see you at 8, bring the \u0022good\u0022 snacks","Attachments":"","channelId":"712345678901234567"}""");
        sink.Records[1].Text.ShouldBe("line one\nline two\n\nline four");
        sink.Records[2].Text.ShouldBeNull("an attachment-only message has no text");
        sink.Records[2].Source!["Attachments"]!.GetValue<string>().Split(' ').Length.ShouldBe(2);
        sink.Records[3].Text.ShouldBe("héllo 👋");
        sink.Variant.ShouldBe("messages.csv");
        sink.UnknownFields.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_json_messages_whose_ids_are_numbers()
    {
        var sink = await ReadFixtureAsync(JsonFixture);

        sink.Records.Select(r => r.Identity).ShouldBe(["discord:1200167476839579651", "discord:1200167122374754305"], "ids beyond 2^53 must stay exact");
        sink.Records[0].OccurredAt.ShouldBe(new DateTime(2024, 1, 25, 19, 57, 4, DateTimeKind.Utc));
        sink.Records[0].Text.ShouldBe("gg wp");
        sink.Records[1].Text.ShouldBeNull();
        sink.Records.ShouldAllBe(r => r.Source!["channelId"]!.GetValue<string>() == "812345678901234567");
        sink.Variant.ShouldBe("messages.json");
        sink.UnknownFields.ShouldBeEmpty();
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
        foreach (var fixture in new[] { CsvFixture, JsonFixture })
        {
            var whole = await ReadFixtureAsync(fixture);

            var trickled = await ReadFixtureAsync(fixture, bytesPerRead);

            FormatHarness.ShouldReadTheSame(trickled, whole, fixture);
        }
    }

    [Fact]
    public async Task Reads_a_bom_a_quoted_header_and_crlf_and_takes_the_channel_from_an_older_folder_name()
    {
        const string csv = "\uFEFF\"ID\",\"Timestamp\",\"Contents\",\"Attachments\"\r\n245000000000000000,2016-10-08 10:00:00.000000+00:00,\"hi\r\nthere\",\r\n";

        var sink = await FormatHarness.ReadAsync(_reader, csv, "package/messages/231000000000000000/messages.csv");

        var message = sink.Records.ShouldHaveSingleItem();
        message.Text.ShouldBe("hi\r\nthere");
        message.Source!["channelId"]!.GetValue<string>().ShouldBe("231000000000000000");
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Falls_back_to_the_time_inside_the_id_when_the_timestamp_is_unreadable()
    {
        const string csv = "ID,Timestamp,Contents,Attachments\n1085309052247867399,,a,\n1085307929818562568,soon,b,\n";

        var sink = await FormatHarness.ReadAsync(_reader, csv, "messages/c1/messages.csv");

        sink.Records.Select(r => r.OccurredAt).ShouldBe([
            new DateTime(2023, 3, 14, 21, 10, 42, 123, DateTimeKind.Utc), new DateTime(2023, 3, 14, 21, 6, 14, 515, DateTimeKind.Utc),
        ]);
        sink.Warnings.ShouldBe(["Message 1085309052247867399 has no readable Timestamp; the time inside its id was used (for this and any later such message)."]);
    }

    [Fact]
    public async Task Rejects_messages_without_an_id_or_any_usable_time_with_their_offsets()
    {
        const string csv = "ID,Timestamp,Contents,Attachments\n,2020-01-01 00:00:00+00:00,a,\nabc,,b,\nabc,soon,c,\n";
        const string json = """[7,{"Timestamp":"2020-01-01 00:00:00","Contents":"d"},{"ID":"x","Contents":"e"}]""";

        var fromCsv = await FormatHarness.ReadAsync(_reader, csv, "messages/c1/messages.csv");
        var fromJson = await FormatHarness.ReadAsync(_reader, json, "messages/c1/messages.json");

        fromCsv.Records.ShouldBeEmpty();
        fromCsv.Rejections.ShouldBe(
        [
            (RejectReason.MissingField, "The row at byte 34 has no message id; it was skipped."),
            (RejectReason.MissingTime, "The row at byte 64 (message abc) has no Timestamp and no time in its id; it was skipped."),
            (RejectReason.UnreadableTime, "The row at byte 72 (message abc) has an unreadable Timestamp (\"soon\") and no time in its id; it was skipped."),
        ]);
        fromJson.Records.ShouldBeEmpty();
        fromJson.Rejections.ShouldBe(
        [
            (RejectReason.Unparseable, "The element at byte 1 is not an object; it was skipped."),
            (RejectReason.MissingField, "The message at byte 3 has no message id; it was skipped."),
            (RejectReason.MissingTime, "The message at byte 54 (message x) has no Timestamp and no time in its id; it was skipped."),
        ]);
    }

    [Fact]
    public async Task Reports_unknown_columns_and_fields_once()
    {
        var csv = await FormatHarness.ReadAsync(_reader, "ID,Timestamp,Contents,Attachments,Edited\n1,2020-01-01 00:00:00+00:00,a,,x\n2,2020-01-01 00:00:01+00:00,b,,y\n", "messages/c1/messages.csv");
        var json = await FormatHarness.ReadAsync(
            _reader,
            """[{"ID":1,"Timestamp":"2020-01-01 00:00:00","Contents":"a","Attachments":"","Reactions":["+1"]},{"ID":2,"Timestamp":"2020-01-01 00:00:01","Contents":"b","Attachments":"","Reactions":[]}]""",
            "messages/c1/messages.json");

        csv.UnknownFields.ShouldBe([("$[].Edited", "(CSV column)")]);
        csv.Records[1].Source!["Edited"]!.GetValue<string>().ShouldBe("y");
        json.UnknownFields.ShouldBe([("$[].Reactions", "[…]")]);
    }

    [Fact]
    public async Task A_stray_quote_is_kept_with_a_warning_and_an_unclosed_quote_fails_at_its_row()
    {
        const string stray = "ID,Timestamp,Contents,Attachments\n1,2020-01-01 00:00:00+00:00,5\" screen,\n";
        const string unclosed = "ID,Timestamp,Contents,Attachments\n1,2020-01-01 00:00:00+00:00,ok,\n2,2020-01-01 00:00:01+00:00,\"never closed,\n3,x,y,\n";

        var sink = await FormatHarness.ReadAsync(_reader, stray, "messages/c1/messages.csv");
        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, unclosed, "messages/c1/messages.csv"));

        sink.Records.ShouldHaveSingleItem().Text.ShouldBe("5\" screen");
        sink.Warnings.ShouldBe(["The CSV record at byte 34 has a stray quote in a field; the field was kept as written."]);
        failure.ByteOffset.ShouldBe(66);
    }

    [Fact]
    public async Task Broken_json_fails_with_the_byte_offset()
    {
        const string json = """[{"ID":1,"Timestamp":"2020-01-01 00:00:00","Contents":"a",}]""";

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, "messages/c1/messages.json"));

        failure.ByteOffset.ShouldBe(json.IndexOf('}', StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_by_the_header_or_the_keys_and_not_by_the_file_name_alone()
    {
        FormatHarness.Detect(_reader, "messages/c1/messages.csv", "ID,Timestamp,Contents,Attachments\n1,2020-01-01,a,\n").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Nachrichten/c1/nachrichten.csv", "id,timestamp,contents,attachments\n").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Messages/c1/messages.json", """[{"ID":1,"Timestamp":"x","Contents":"a","Attachments":""}]""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "messages/c1/messages.csv", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/YouTube/subscriptions.csv", "Channel Id,Channel Url,Channel Title\n").ShouldBe(FormatMatch.None);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "discord.messages", name);

    private Task<CollectingSink> ReadFixtureAsync(string name, int bytesPerRead = 4096) =>
        FormatHarness.ReadAsync(_reader, File.ReadAllText(Fixture(name)), "package/" + name, bytesPerRead);
}
