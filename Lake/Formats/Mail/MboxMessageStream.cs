using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// The messages of an mbox one at a time, as a stream for MimeKit: <see cref="NextMessageAsync"/>
/// moves past the next envelope line, and reads then return that message's bytes, with mboxo's
/// <c>&gt;From </c> quoting undone (one level), up to the next envelope line. MimeKit's own mbox mode
/// is not used because it takes every line starting with "From " for a new message and keeps the
/// quoting; here only a line with the whole envelope shape (<see cref="MboxEnvelope"/>) starts one.
/// Reads are asynchronous only: the entry streams of an import are read that way.
/// </summary>
internal sealed class MboxMessageStream(Stream content) : ReadOnlyStream
{
    private readonly StreamLineReader _lines = new(content);
    private ReadOnlyMemory<byte> _pending;
    private Task<int>? _lastRead;
    private bool _atStart = true;
    private bool _atEnvelope;
    private long _envelopeOffset;
    private DateTime? _envelopeDate;

    /// <summary>Non-blank bytes seen before the first envelope line.</summary>
    public long StrayBytes { get; private set; }

    /// <summary>True once a message was started.</summary>
    public bool SawMessage { get; private set; }

    /// <summary>Byte offset of the current message's envelope line in the entry.</summary>
    public long MessageStart { get; private set; }

    /// <summary>The current message's envelope date in UTC, when the envelope has one.</summary>
    public DateTime? EnvelopeDate { get; private set; }

    /// <summary>Where the current message ends once it was read: at the next envelope line or the end of the entry.</summary>
    public long MessageEnd => _atEnvelope ? _envelopeOffset : _lines.Position;

    /// <summary>Moves past the next envelope line, skipping what is left of the current message; false at the end of the entry.</summary>
    public async ValueTask<bool> NextMessageAsync(CancellationToken cancellationToken)
    {
        await SkipRestAsync(cancellationToken);
        if (!_atEnvelope)
        {
            return false;
        }

        _atEnvelope = false;
        SawMessage = true;
        MessageStart = _envelopeOffset;
        EnvelopeDate = _envelopeDate;
        return true;
    }

    /// <summary>Skips what is left of the current message (or, before the first one, the stray bytes), so that <see cref="MessageEnd"/> is known.</summary>
    public async ValueTask SkipRestAsync(CancellationToken cancellationToken)
    {
        while (await AdvanceAsync(cancellationToken))
        {
            if (!SawMessage)
            {
                StrayBytes += _pending.Span.Trim(" \t\r\n"u8).Length;
            }
        }

        _pending = default;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            // Only the first line may wait for input; later ones are taken while the line buffer holds them.
            if (_pending.IsEmpty && !(written == 0 ? await AdvanceAsync(cancellationToken) : TryAdvance()))
            {
                break;
            }

            var count = Math.Min(buffer.Length - written, _pending.Length);
            _pending[..count].CopyTo(buffer[written..]);
            _pending = _pending[count..];
            written += count;
        }

        return written;
    }

    /// <summary>MimeKit reads through this overload; a completed task of the same count is reused, as MemoryStream does.</summary>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = ReadAsync(buffer.AsMemory(offset, count), cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return read.AsTask();
        }

        return _lastRead is { } last && last.Result == read.Result ? last : _lastRead = Task.FromResult(read.Result);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An mbox entry is read asynchronously.");

    private async ValueTask<bool> AdvanceAsync(CancellationToken cancellationToken)
    {
        while (!TryAdvance())
        {
            if (_atEnvelope || !await _lines.FillAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes the next line into <see cref="_pending"/> if the line buffer holds one; false at an envelope line or when input must be read.</summary>
    private bool TryAdvance()
    {
        if (_atEnvelope || !_lines.TryRead())
        {
            return false;
        }

        var line = _lines.CurrentWithTerminator;
        if (_atStart && line.Span.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        _atStart = false;
        var text = line.Span[..(line.Length - _lines.TerminatorLength)];
        if (_lines.IsLineStart && MboxEnvelope.IsEnvelope(text))
        {
            _atEnvelope = true;
            _envelopeOffset = _lines.Offset;
            _envelopeDate = MboxEnvelope.Date(text);
            return false;
        }

        // mboxo quotes body lines that start with "From " as ">From "; only that one level is undone.
        _pending = SawMessage && _lines.IsLineStart && text.StartsWith(">From "u8) ? line[1..] : line;
        return true;
    }
}
