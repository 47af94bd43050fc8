using Datapunk.Lake.Formats.Mail;
using Datapunk.Lake.Tests.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.Mail;

public sealed class GmailMboxMalformedTests
{
    private const string Good = "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nMessage-ID: <good@x>\nSubject: good\n\nbody\n\n";

    private readonly GmailMboxReader _reader = new();

    [Fact]
    public async Task A_message_without_header_fields_is_rejected_with_its_offset_and_the_next_one_is_read()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nthis is no header\n\nbody\n\n" + Good);

        sink.Records.Select(r => r.Title).ShouldBe(["good"]);
        sink.Rejections.ShouldBe([(RejectReason.Unparseable, "The message at byte 0 has no header fields and was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_message_cut_inside_its_multipart_body_is_kept_with_a_warning()
    {
        const string truncated = "From 2@xxx Tue Jan 02 00:00:00 +0000 2024\nMessage-ID: <cut@x>\nSubject: cut\nContent-Type: multipart/mixed; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\nvisible text\n--b\nContent-Type: application/zip\nContent-Transfer-Encoding: base64\n\nUEsDBBQAAAAI";

        var sink = await ReaderRuns.ReadAsync(_reader, Good + truncated, bytesPerRead: 3);

        sink.Records.Count.ShouldBe(2);
        sink.Records[1].Text.ShouldBe("visible text");
        ReaderRuns.Json(sink.Records[1].Source!["attachments"]).ShouldBe("""[{"name":null,"mimeType":"application/zip","size":9}]""");
        sink.Warnings.ShouldBe([$"The message at byte {Good.Length} is malformed: it ends before its closing MIME boundary (truncated?)."]);
    }

    [Fact]
    public async Task A_message_cut_inside_its_headers_is_kept_with_a_warning()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, Good + "From 3@xxx Wed Jan 03 00:00:00 +0000 2024\nMessage-ID: <h@x>\nSubject: only hea");

        sink.Records.Select(r => r.Title).ShouldBe(["good", "only hea"]);
        sink.Warnings.ShouldBe([$"The message at byte {Good.Length} is malformed: it ends inside its headers (truncated?)."]);
    }

    [Fact]
    public async Task Text_before_the_first_envelope_is_skipped_with_a_warning()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, "garbage\n" + Good);

        sink.Records.Count.ShouldBe(1);
        ((long)sink.Records[0].Source!["byteOffset"]!).ShouldBe(8);
        sink.Warnings.ShouldBe(["7 bytes before the first envelope line (at byte 0) belong to no message and were skipped."]);
    }

    [Fact]
    public async Task A_file_that_is_not_an_mbox_is_an_error_at_byte_zero_and_an_empty_one_is_not()
    {
        var error = await Should.ThrowAsync<ExportFormatException>(() => ReaderRuns.ReadAsync(_reader, "{\"not\": \"mail\"}\n"));
        error.ByteOffset.ShouldBe(0);

        (await ReaderRuns.ReadAsync(_reader, "")).Records.ShouldBeEmpty();
    }

    [Fact]
    public async Task Broken_mime_structure_does_not_stop_the_message()
    {
        // A multipart without boundary, an unclosed inner multipart closed by the outer boundary, a bad base64 body.
        const string mail = "From 4@xxx Thu Jan 04 00:00:00 +0000 2024\nMessage-ID: <mime@x>\nSubject: broken\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n"
            + "--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            + "SGVsbG8g!!!d29y\nbGQ=\n"
            + "--outer\nContent-Type: multipart/related\n\nlost\n--outer--\n";

        var sink = await ReaderRuns.ReadAsync(_reader, mail);

        sink.Records.Single().Text.ShouldBe("Hello world");
        sink.Warnings.ShouldBe(["The message at byte 0 is malformed: a multipart part has no boundary; its content is skipped."]);
    }

    [Fact]
    public async Task A_body_line_that_merely_starts_with_from_does_not_split_the_message()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, "From 5@xxx Fri Jan 05 00:00:00 +0000 2024\nSubject: s\n\nFrom me to you, unquoted.\n");

        sink.Records.Single().Text.ShouldBe("From me to you, unquoted.");
    }
}
