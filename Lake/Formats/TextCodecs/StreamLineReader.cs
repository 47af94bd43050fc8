namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Reads a stream line by line through one fixed buffer, with each line's absolute byte offset, for
/// the line-based formats (mbox, iCalendar, vCard). LF and CRLF both end a line. A line longer than
/// the chunk limit arrives in pieces (<see cref="IsLineStart"/> is false on the later ones), so a
/// base64 attachment written without line breaks never needs more memory than the limit.
/// </summary>
/// <remarks><see cref="Current"/> points into the reader's buffer and is valid until the next read.</remarks>
public sealed class StreamLineReader
{
    private readonly Stream _stream;
    private readonly int _maxChunk;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private long _bufferOffset;
    private bool _eof;
    private bool _midLine;

    public StreamLineReader(Stream stream, int maxChunkBytes = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkBytes, 16);
        _stream = stream;
        _maxChunk = maxChunkBytes;
        _buffer = new byte[maxChunkBytes * 2];
    }

    /// <summary>The current line or piece of a line, without its line terminator.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary><see cref="Current"/> followed by its terminator bytes, as they were in the stream.</summary>
    public ReadOnlyMemory<byte> CurrentWithTerminator => _buffer.AsMemory((int)(Offset - _bufferOffset), Current.Length + TerminatorLength);

    /// <summary>Absolute byte offset of <see cref="Current"/> in the stream.</summary>
    public long Offset { get; private set; }

    /// <summary>Bytes of the terminator after <see cref="Current"/>: 2 for CRLF, 1 for LF, 0 at end of stream or inside a long line.</summary>
    public int TerminatorLength { get; private set; }

    /// <summary>True when <see cref="Current"/> begins a line; false for the later pieces of an over-long line.</summary>
    public bool IsLineStart { get; private set; }

    /// <summary>True when <see cref="Current"/> ends its line (a terminator followed, or the stream ended).</summary>
    public bool IsLineEnd { get; private set; }

    /// <summary>Absolute offset of the first byte not yet handed out: after the current piece and its terminator.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Moves to the next line or piece; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (!TryRead())
        {
            if (!await FillAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Moves to the next line or piece if the buffer holds one; false when <see cref="FillAsync"/> must
    /// run first (or the stream is done). Hot loops call this, so that there is one await per buffer
    /// rather than one per line.
    /// </summary>
    public bool TryRead()
    {
        var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
        if (newline >= 0)
        {
            var length = _scanned - _start + newline;
            var terminator = 1;
            if (length > 0 && _buffer[_start + length - 1] == '\r')
            {
                length--;
                terminator = 2;
            }

            Emit(length, terminator, lineEnd: true);
            return true;
        }

        _scanned = _end;
        if (_end - _start >= _maxChunk)
        {
            // A CR at the cut may pair with the LF that starts the next read; keep it for then.
            var length = _buffer[_start + _maxChunk - 1] == '\r' ? _maxChunk - 1 : _maxChunk;
            Emit(length, 0, lineEnd: false);
            return true;
        }

        if (_eof && _end > _start)
        {
            var terminator = _buffer[_end - 1] == '\r' ? 1 : 0;
            Emit(_end - _start - terminator, terminator, lineEnd: true);
            return true;
        }

        return false;
    }

    /// <summary>Reads more of the stream into the buffer; false once the stream has ended and everything was handed out.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
        {
            Current = ReadOnlyMemory<byte>.Empty;
            return _end > _start;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _eof = read == 0;
        return true;
    }

    private void Emit(int length, int terminator, bool lineEnd)
    {
        Current = _buffer.AsMemory(_start, length);
        Offset = _bufferOffset + _start;
        TerminatorLength = terminator;
        IsLineStart = !_midLine;
        IsLineEnd = lineEnd;
        _midLine = !lineEnd;
        _start += length + terminator;
        _scanned = _start;
    }
}
