using Datapunk.Lake.Formats.Mail;
using Datapunk.Lake.Tests.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.Mail;

public sealed class MailHeaderParsingTests
{
    [Theory]
    [InlineData("Mon, 01 Jan 2024 09:15:00 +0100", "2024-01-01T08:15:00")]
    [InlineData("1 Feb 2024 07:00:00 -0500 (EST)", "2024-02-01T12:00:00")]
    [InlineData("Tue, 5 Mar 24 18:00 PST", "2024-03-06T02:00:00")]
    [InlineData("Wed, 13 Mar 2024 09:30:00 GMT", "2024-03-13T09:30:00")]
    [InlineData("Thu,  4 Apr 2024 10:00:00 +00:00", "2024-04-04T10:00:00")]
    [InlineData("Fri, 5 Apr 2024 23:59:60 +0000", "2024-04-05T23:59:59")]
    [InlineData("2024-04-06T10:00:00Z", "2024-04-06T10:00:00")]
    public void Reads_mail_dates_as_mailers_write_them(string text, string expectedUtc)
    {
        MailDate.TryParse(text, out var utc).ShouldBeTrue();
        utc.ShouldBe(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
        utc.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("31 Feb 2024 10:00:00 +0000")]
    [InlineData("")]
    public void Refuses_what_is_not_a_date(string text)
    {
        MailDate.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("From 1771234567890123456@xxx Mon Jan 01 08:15:00 +0000 2024", "2024-01-01T08:15:00")]
    [InlineData("From MAILER-DAEMON Fri Jul  8 12:08:34 2011", "2011-07-08T12:08:34")]
    [InlineData("From - Sat Jan 03 01:05:34 1996 -0800", "1996-01-03T09:05:34")]
    public void Reads_envelope_lines(string line, string expectedUtc)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        MboxEnvelope.IsEnvelope(bytes).ShouldBeTrue();
        MboxEnvelope.Date(bytes).ShouldBe(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("From here on it is a body line")]
    [InlineData(">From 1@xxx Mon Jan 01 08:15:00 +0000 2024")]
    [InlineData("From: someone@example.com")]
    public void Does_not_take_body_lines_for_envelopes(string line)
    {
        MboxEnvelope.IsEnvelope(Encoding.ASCII.GetBytes(line)).ShouldBeFalse();
    }

    [Fact]
    public async Task Reads_mime_parameters_with_quotes_rfc2231_continuations_and_sloppy_values()
    {
        const string boundary = "=_a;b\\\"c";
        const string mail = "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nSubject: files\nContent-Type: Multipart/Mixed; boundary=\"" + boundary + "\"; charset=utf-8\n\n"
            + "--=_a;b\"c\nContent-Disposition: attachment; filename*0*=UTF-8''Stra%C3%9Fen; filename*1*=%20Karte; filename*2=\".pdf\"; size=12\n\nx\n"
            + "--=_a;b\"c\nContent-Disposition: attachment; filename=my file.txt\n\ny\n"
            + "--=_a;b\"c\nContent-Disposition: inline; filename*=iso-8859-1'de'K%E4se.txt\n\nz\n"
            + "--=_a;b\"c--\n";

        var sink = await ReaderRuns.ReadAsync(new GmailMboxReader(), mail);

        sink.Warnings.ShouldBeEmpty();
        ReaderRuns.Json(sink.Records.Single().Source!["attachments"]).ShouldBe(
            """[{"name":"Straßen Karte.pdf","mimeType":"text/plain","size":1},{"name":"my file.txt","mimeType":"text/plain","size":1},{"name":"Käse.txt","mimeType":"text/plain","size":1}]""");
    }

    [Fact]
    public async Task Splits_address_lists_outside_quotes_brackets_and_comments_before_decoding()
    {
        const string mail = "From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nSubject: to many\n"
            + "To: \"Doe, Jane\" <jane@x.example>, =?utf-8?Q?M=C3=BCller=2C_Hans?= <h@x.example>, bob@x.example (Bob, the builder),\n\nbody\n";

        var sink = await ReaderRuns.ReadAsync(new GmailMboxReader(), mail);

        ReaderRuns.Json(sink.Records.Single().Source!["to"]).ShouldBe(
            """["\"Doe, Jane\" <jane@x.example>","\"Müller, Hans\" <h@x.example>","\"Bob, the builder\" <bob@x.example>"]""",
            "MimeKit takes a comment after the address for the display name");
    }

    [Fact]
    public void Splits_gmail_labels_with_quotes_and_encoded_words()
    {
        GmailLabels.Parse("Inbox,\"Work, old\",=?UTF-8?Q?Ge=C3=B6ffnet?=, ,Category Updates").ShouldBe(["Inbox", "Work, old", "Geöffnet", "Category Updates"]);
        GmailLabels.Parse(null).ShouldBeEmpty();
    }
}
