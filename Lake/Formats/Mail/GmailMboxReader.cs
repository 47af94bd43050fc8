namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Gmail's Takeout mbox (<c>Mail/All mail Including Spam and Trash.mbox</c>, tens of GB): mboxo
/// with <c>From </c> envelope lines and <c>&gt;From </c> quoting, one <see cref="RecordKind.Email"/>
/// record per message. The file is read once: <see cref="MboxMessageStream"/> splits it into messages
/// and MimeKit reads each one (<see cref="MailMessageReader"/>); at most one message's headers and
/// text are held, attachments are only measured. Each record's source names the message's byte range in
/// the entry (from its envelope line to the next one), so the raw message can be read back later.
/// A message without header fields is rejected, a malformed one kept with a warning, each with its
/// offset; neither ends the import.
/// </summary>
public sealed class GmailMboxReader : IExportFormatReader
{
    public string FormatId => "google.mail.mbox";

    public FormatMatch Detect(EntrySample sample)
    {
        var content = LooksLikeMbox(sample.Head.Span);
        var name = sample.Extension == ".mbox";
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var messages = new MboxMessageStream(content);
        var reader = new MailMessageReader();
        var sawGmailHeaders = false;
        while (await messages.NextMessageAsync(cancellationToken))
        {
            var mail = await reader.ReadAsync(messages, cancellationToken);
            await messages.SkipRestAsync(cancellationToken);
            var start = messages.MessageStart;
            if (mail is null)
            {
                sink.RejectRecord(RejectReason.Unparseable, $"The message at byte {start} has no header fields and was skipped.");
                continue;
            }

            foreach (var problem in mail.Problems)
            {
                sink.ReportWarning($"The message at byte {start} is malformed: {problem}.");
            }

            sawGmailHeaders |= mail.Header("X-GM-THRID") is not null || mail.Header("X-Gmail-Labels") is not null;
            sink.AddRecord(MailRecordFactory.Create(mail, start, messages.MessageEnd - start, messages.EnvelopeDate));
        }

        if (messages.StrayBytes > 0)
        {
            if (!messages.SawMessage)
            {
                throw new ExportFormatException("No mbox \"From \" envelope line was found; this is not an mbox file", 0);
            }

            sink.ReportWarning($"{messages.StrayBytes:N0} bytes before the first envelope line (at byte 0) belong to no message and were skipped.");
        }

        sink.SetVariant(sawGmailHeaders ? "gmail" : "mbox");
    }

    /// <summary>An envelope line first, then at least one header field line.</summary>
    private static bool LooksLikeMbox(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var newline = head.IndexOf((byte)'\n');
        if (newline < 0 || !MboxEnvelope.IsEnvelope(head[..newline].TrimEnd((byte)'\r')))
        {
            return false;
        }

        var next = head[(newline + 1)..];
        var end = next.IndexOf((byte)'\n');
        var header = end < 0 ? next : next[..end];
        var colon = header.IndexOf((byte)':');
        return colon > 0 && header[..colon].IndexOfAnyExceptInRange((byte)'!', (byte)'~') < 0;
    }
}
