namespace Datapunk.Import.Tests.Uploads;

/// <summary>A request body whose source breaks after <c>cutAfter</c> bytes, as a client that loses its file or its network does.</summary>
internal sealed class CutBody(byte[] content, int cutAfter) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= cutAfter)
        {
            throw new IOException("The connection to the server was lost.");
        }

        var read = Math.Min(count, Math.Min(cutAfter, content.Length) - _position);
        content.AsSpan(_position, read).CopyTo(buffer.AsSpan(offset));
        _position += read;
        return read;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
