using Datapunk.Lake.Formats.Mail;
using Datapunk.Lake.Tests.Formats.TextCodecs;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Mail;

public sealed class GmailMboxLargeInputTests
{
    private const string Head = "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nMessage-ID: <big@x>\nSubject: big\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
        + "--b\nContent-Type: text/plain\n\nsee attachment\n--b\nContent-Type: video/mp4\nContent-Disposition: attachment; filename=\"holiday.mp4\"\n"
        + "Content-Transfer-Encoding: base64\n\n";

    private const string Tail = "\n--b--\n\nFrom 2@xxx Mon Jan 01 00:00:01 +0000 2024\nMessage-ID: <after@x>\nSubject: after\n\nstill read\n";

    private readonly GmailMboxReader _reader = new();

    [Fact]
    public async Task A_20_mb_attachment_is_measured_with_bounded_memory()
    {
        // 76 base64 characters decode to 57 bytes; 368,000 lines are just over 20 MB of attachment.
        const long lines = 368_000;
        var line = Encoding.ASCII.GetBytes(new string('Q', 76) + "\r\n");
        var sink = new CollectingSink("big.mbox");
        var stream = new GeneratedMboxStream(Encoding.ASCII.GetBytes(Head), line, lines, Encoding.ASCII.GetBytes(Tail));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = _reader.ReadAsync(stream, sink, TestContext.Current.CancellationToken);
        read.IsCompleted.ShouldBeTrue("the generated stream completes every read synchronously, so the whole read runs on this thread");
        await read;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        sink.Records.Select(r => r.Title).ShouldBe(["big", "after"]);
        ReaderRuns.Json(sink.Records[0].Source!["attachments"]).ShouldBe($$"""[{"name":"holiday.mp4","mimeType":"video/mp4","size":{{lines * 57}}}]""");
        sink.Records[0].Text.ShouldBe("see attachment");
        allocated.ShouldBeLessThan(4L << 20, $"reading {stream.Length:N0} bytes allocated {allocated:N0} bytes: the attachment must not be buffered");
    }

    [Fact]
    public async Task An_attachment_without_line_breaks_is_read_in_pieces()
    {
        // 6 MB of base64 on one line: the line reader hands it out in 64 KB pieces.
        var sink = new CollectingSink("one-line.mbox");
        var stream = new GeneratedMboxStream(Encoding.ASCII.GetBytes(Head), "QUJD"u8.ToArray(), 1_500_000, Encoding.ASCII.GetBytes(Tail));

        await _reader.ReadAsync(stream, sink, TestContext.Current.CancellationToken);

        sink.Records.Count.ShouldBe(2);
        sink.Records[0].Source!["attachments"]![0]!["size"]!.GetValue<long>().ShouldBe(4_500_000);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_huge_plain_text_body_is_cut_to_the_text_limit()
    {
        var head = "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nSubject: long\n\n";
        var sink = new CollectingSink("long.mbox");
        var stream = new GeneratedMboxStream(Encoding.ASCII.GetBytes(head), "0123456789\n"u8.ToArray(), 400_000, []);

        await _reader.ReadAsync(stream, sink, TestContext.Current.CancellationToken);

        sink.Records.Single().Text!.Length.ShouldBe(MailMessageReader.MaxTextChars);
        sink.Records[0].Source!["textTruncated"]!.GetValue<bool>().ShouldBeTrue();
    }
}
