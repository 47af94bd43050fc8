namespace Datapunk.Lake.Tests.Formats.Mail;

/// <summary>
/// An mbox generated while it is read: a prefix, then one base64 line repeated many times, then a
/// suffix. Tens of megabytes of attachment without a file or a buffer of that size, and every read
/// completes synchronously, so allocation on the test thread measures the reader alone.
/// </summary>
public sealed class GeneratedMboxStream(byte[] prefix, byte[] line, long lineCount, byte[] suffix) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => prefix.Length + (line.Length * lineCount) + suffix.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < Length)
        {
            var (source, start) = Locate(_position);
            var n = Math.Min(buffer.Length - written, source.Length - start);
            source.AsSpan(start, n).CopyTo(buffer[written..]);
            written += n;
            _position += n;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private (byte[] Source, int Start) Locate(long position)
    {
        if (position < prefix.Length)
        {
            return (prefix, (int)position);
        }

        position -= prefix.Length;
        var body = line.Length * lineCount;
        return position < body ? (line, (int)(position % line.Length)) : (suffix, (int)(position - body));
    }
}
