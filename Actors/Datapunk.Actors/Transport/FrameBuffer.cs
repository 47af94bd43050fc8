using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Datapunk.Actors.Transport;

/// <summary>A growable byte buffer that frames are encoded into before one socket write per batch.</summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    private byte[] _array = new byte[64 * 1024];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, Length);

    public void Reset() => Length = 0;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(Length);
    }

    /// <summary>Reserves an int32 and returns its position, to be filled in later by <see cref="PatchInt32"/>.</summary>
    public int ReserveInt32()
    {
        Ensure(4);
        var position = Length;
        Length += 4;
        return position;
    }

    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_array.AsSpan(position), value);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _array[Length++] = value;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_array.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_array.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_array.AsSpan(Length), value);
        Length += 8;
    }

    /// <summary>Writes a length-prefixed UTF-8 string; -1 stands for null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteInt32(byteCount);
        Ensure(byteCount);
        Encoding.UTF8.GetBytes(value, _array.AsSpan(Length));
        Length += byteCount;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 256);
        if (needed > _array.Length)
        {
            Array.Resize(ref _array, Math.Max(needed, _array.Length * 2));
        }
    }
}
