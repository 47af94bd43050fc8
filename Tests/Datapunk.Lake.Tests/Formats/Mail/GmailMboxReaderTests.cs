using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Mail;
using Datapunk.Lake.Tests.Formats.TextCodecs;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Mail;

public sealed class GmailMboxReaderTests
{
    private static readonly string[] FixturePath = ["google.mail.mbox", "Mail", "All mail Including Spam and Trash.mbox"];

    private readonly GmailMboxReader _reader = new();

    [Fact]
    public async Task Reads_every_message_of_the_fixture_with_headers_text_and_attachments()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath));

        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("gmail");
        sink.Records.Count.ShouldBe(7);
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.Email);
        sink.Records.Select(r => r.Title).ShouldBe(
        [
            "Happy New Year!", "Grüße aus München", "Preis für Übernachtung", "Ihre Rechnung für März", "Sale – 50% off", "Fwd: Happy New Year!",
            "You have won!",
        ]);
        sink.Records.Select(r => r.OccurredAt).ShouldBe(
        [
            Utc(2024, 1, 1, 8, 15, 0), Utc(2024, 1, 13, 17, 42, 10), Utc(2024, 2, 1, 12, 0, 0), Utc(2024, 3, 13, 8, 30, 0), Utc(2024, 2, 5, 23, 0, 0),
            Utc(2024, 3, 1, 10, 0, 0), Utc(2024, 3, 31, 22, 59, 59),
        ]);
    }

    [Fact]
    public async Task Keeps_addresses_labels_and_thread_and_undoes_from_quoting()
    {
        var first = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records[0];

        first.Identity.ShouldBe(RecordIdentity.FromContentV2("gmail", "first-message@example.com", first.Text), "the Message-ID with the text");
        first.Text.ShouldBe("Hi Max,\n\nFrom what I heard, the party was great.\n>>From here on it's quoted twice and stays that way.\nSee you soon!\nAnna");
        var source = first.Source!;
        ((string?)source["from"]).ShouldBe("Anna Schmidt <anna@example.com>");
        Strings(source["to"]).ShouldBe(["\"Mustermann, Max\" <max@example.com>", "erika@example.com"]);
        Strings(source["cc"]).ShouldBe(["Team <team@example.com>"]);
        Strings(source["labels"]).ShouldBe(["Inbox", "Important", "Category Personal"]);
        ((string?)source["threadId"]).ShouldBe("1771234567890123456");
        ((string?)source["messageId"]).ShouldBe("first-message@example.com");
        source["attachments"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Decodes_legacy_charsets_quoted_printable_and_encoded_words()
    {
        var records = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records;

        var latin1 = records[1];
        latin1.Text.ShouldBe("Hallo Max,\n\nschöne Grüße aus München! Das Wetter ist heiß und wir sitzen im Biergarten.\n\nJörg");
        ((string?)latin1.Source!["from"]).ShouldBe("Jörg Müller <joerg@example.de>");
        Strings(latin1.Source["labels"]).ShouldBe(["Archived", "Category Personal", "Geöffnet"], "a label field encoded as one word is decoded before splitting");

        var cp1252 = records[2];
        cp1252.Text.ShouldBe("Das Zimmer kostet 80 € pro Nacht – “inklusive Frühstück”.");
        cp1252.Identity.ShouldBe(RecordIdentity.FromContentV2("gmail", "cp1252@example.org", cp1252.Text));
        Strings(cp1252.Source!["labels"]).ShouldBe(["Sent"]);
    }

    [Fact]
    public async Task Reads_nested_multiparts_and_measures_attachments_without_keeping_them()
    {
        var invoice = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records[3];

        invoice.Identity.ShouldBe(RecordIdentity.FromContentV2("gmail", "CAF=invoice-42@mail.gmail.com", invoice.Text));
        invoice.Text.ShouldBe("Ihre Rechnung für März 2024 liegt bei.\nBetrag: 42,00 €", "the plain alternative wins over the HTML one");
        ((string?)invoice.Source!["from"]).ShouldBe("Stadtwerke München <rechnung@swm.example>");
        Strings(invoice.Source["labels"]).ShouldBe(["Inbox", "Finance, Taxes", "Opened"]);
        ReaderRuns.Json(invoice.Source["attachments"]).ShouldBe(
            """[{"name":"Rechnung März 2024.pdf","mimeType":"application/pdf","size":3000},{"name":"Logo_München.png","mimeType":"image/png","size":100}]""");
    }

    [Fact]
    public async Task Falls_back_to_html_text_to_a_content_identity_and_to_the_envelope_date()
    {
        var records = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records;

        var html = records[4];
        html.Text.ShouldBe("Winter sale – 50% off everything!\nCafé & more");
        html.Identity.ShouldBe(RecordIdentity.FromContentV2(
            "gmail", null, Utc(2024, 2, 5, 23, 0, 0), (string?)html.Source!["date"], "\"Shop\" <news@shop.example>", "Sale – 50% off", html.Text));
        ((string?)html.Source["messageId"]).ShouldBeNull();

        var forward = records[5];
        forward.OccurredAt.ShouldBe(Utc(2024, 3, 1, 10, 0, 0), "no Date header: the envelope date is used");
        forward.Text.ShouldBe("See the forwarded message below.");
        ((string?)forward.Source!["threadId"]).ShouldBe("1771234567890123456");
        ReaderRuns.Json(forward.Source["attachments"]).ShouldBe("""[{"name":null,"mimeType":"message/rfc822","size":71}]""");

        var last = records[6];
        last.Text.ShouldBe("Click here.", "the last message has no trailing newline");
        Strings(last.Source!["labels"]).ShouldBe(["Spam"]);
    }

    [Fact]
    public async Task Byte_ranges_cover_the_file_and_give_back_each_raw_message()
    {
        var bytes = ReaderRuns.Fixture(FixturePath);
        var records = (await ReaderRuns.ReadAsync(_reader, bytes)).Records;

        var ranges = records.Select(r => ((long)r.Source!["byteOffset"]!, (long)r.Source["byteLength"]!)).ToList();
        ranges.ShouldBe([(0L, 730L), (730L, 596L), (1326L, 417L), (1743L, 5519L), (7262L, 507L), (7769L, 487L), (8256L, 315L)]);
        (ranges[^1].Item1 + ranges[^1].Item2).ShouldBe(bytes.Length);
        var raw = Encoding.Latin1.GetString(bytes, (int)ranges[3].Item1, (int)ranges[3].Item2);
        raw.ShouldStartWith("From 1786543210987654321@xxx ");
        raw.ShouldContain("Message-ID: <CAF=invoice-42@mail.gmail.com>");
        raw.ShouldEndWith("--outer-boundary-1--\n\n");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task A_trickling_stream_gives_the_same_records(int bytesPerRead)
    {
        var bytes = ReaderRuns.Fixture(FixturePath);

        var trickled = await ReaderRuns.ReadAsync(_reader, bytes, bytesPerRead);

        ReaderRuns.Snapshot(trickled).ShouldBe(ReaderRuns.Snapshot(await ReaderRuns.ReadAsync(_reader, bytes)));
    }

    [Fact]
    public void Detects_mbox_by_envelope_and_header_shape_and_by_name()
    {
        const string mbox = "From 1771234567890123456@xxx Mon Jan 01 08:15:00 +0000 2024\r\nX-GM-THRID: 1\r\n";
        FormatHarness.Detect(_reader, "Takeout/Mail/All mail Including Spam and Trash.mbox", mbox).ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/E-Mail/Alle Nachrichten.txt", mbox).ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Mail/Spam.mbox", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/notes.txt", "From here on, a note.\nSecond: line\n").ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/x.txt", "From a@b Mon Jan 01 08:15:00 2024\nnot a header\n").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_generic_mbox_sample_exactly()
    {
        var sample = FormatHarness.SharedSample("enchanted-twin/Takeout/Mail/gmail_sample.mbox");
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("mbox");
        sink.Records.Count.ShouldBe(7);
        sink.Records.Select(r => r.Identity).Distinct().Count().ShouldBe(7, "messages without Message-ID get distinct content identities");
        sink.Records[0].Title.ShouldBe("Happy 32nd Birthday!");
        sink.Records[0].OccurredAt.ShouldBe(Utc(2025, 4, 7, 14, 30, 0));
        ((string?)sink.Records[6].Source!["from"]).ShouldBe("doctor@healthcenter.com");
        sink.Records[6].Text!.ShouldEndWith("Dr. Smith");
        sink.Records.Sum(r => (long)r.Source!["byteLength"]!).ShouldBe(new FileInfo(sample!).Length);
    }

    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    private static List<string?> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string?)n)];
}
