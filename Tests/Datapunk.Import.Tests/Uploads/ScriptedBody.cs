namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// A request body as a network delivers it: <see cref="Head"/> bytes at once, then it waits for
/// <see cref="Release"/> (a stalled client or silo), then either the rest or a cut connection.
/// </summary>
internal sealed class ScriptedBody(byte[] content, int head, bool cutAfterHead = false) : Stream
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _headRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public int Head => head;

    /// <summary>Completes once the writer has taken the head and asks for more.</summary>
    public Task HeadRead => _headRead.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public void Release() => _released.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == head)
        {
            _headRead.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            if (cutAfterHead)
            {
                throw new IOException("The client reset the connection.");
            }
        }

        var end = _position < head ? head : content.Length;
        var count = Math.Min(buffer.Length, end - _position);
        content.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
