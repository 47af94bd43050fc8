using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Splits an mbox into messages as its lines go by: an envelope line ends the previous message and
/// starts the next, <c>&gt;From </c> quoting is undone, and every finished message becomes a record
/// (or a warning naming its offset). Synchronous per line so the reader awaits once per buffer.
/// </summary>
public sealed class MboxMessageSplitter(IImportSink sink)
{
    private readonly MailMessageParser _parser = new();
    private long? _messageStart;
    private DateTime? _envelopeDate;
    private bool _atStart = true;

    /// <summary>Non-blank bytes seen before the first envelope line.</summary>
    public long StrayBytes { get; private set; }

    /// <summary>True once a message was started.</summary>
    public bool SawMessage => _messageStart is not null;

    /// <summary>True when a message carried Gmail's X-GM-THRID or X-Gmail-Labels.</summary>
    public bool SawGmailHeaders { get; private set; }

    public void Accept(StreamLineReader lines)
    {
        var line = lines.Current.Span;
        if (_atStart && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        _atStart = false;
        if (lines.IsLineStart && MboxEnvelope.IsEnvelope(line))
        {
            Complete(lines.Offset);
            _messageStart = lines.Offset;
            _envelopeDate = MboxEnvelope.Date(line);
            _parser.Begin();
            return;
        }

        if (_messageStart is null)
        {
            StrayBytes += line.Trim(" \t\r"u8).Length;
            return;
        }

        // mboxo quotes body lines that start with "From " as ">From "; only that one level is undone.
        if (lines.IsLineStart && line.StartsWith(">From "u8))
        {
            line = line[1..];
        }

        _parser.Add(line, lines.IsLineStart, lines.IsLineEnd, lines.TerminatorLength);
    }

    /// <summary>Ends the open message, if any, at the given offset (the next envelope or the end of the entry).</summary>
    public void Complete(long end)
    {
        if (_messageStart is not { } start)
        {
            return;
        }

        var mail = _parser.End();
        foreach (var problem in mail.Problems)
        {
            sink.ReportWarning($"The message at byte {start} is malformed: {problem}.");
        }

        if (mail.Headers.Count == 0)
        {
            sink.ReportWarning($"The message at byte {start} has no header fields and was skipped.");
            return;
        }

        SawGmailHeaders |= mail.Header("X-GM-THRID") is not null || mail.Header("X-Gmail-Labels") is not null;
        sink.AddRecord(MailRecordFactory.Create(mail, start, end - start, _envelopeDate));
    }
}
