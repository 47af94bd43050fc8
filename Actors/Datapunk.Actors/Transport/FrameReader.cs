using System.Buffers;
using System.Text;

namespace Datapunk.Actors.Transport;

/// <summary>Reads the primitive fields of a frame body, the mirror of <see cref="FrameBuffer"/>.</summary>
internal ref struct FrameReader(ReadOnlySequence<byte> body)
{
    private SequenceReader<byte> _reader = new(body);

    public ReadOnlySequence<byte> Remaining => _reader.UnreadSequence;

    public byte ReadByte() => _reader.TryRead(out var value) ? value : throw Truncated();

    public int ReadInt32() => _reader.TryReadLittleEndian(out int value) ? value : throw Truncated();

    public uint ReadUInt32() => unchecked((uint)ReadInt32());

    public long ReadInt64() => _reader.TryReadLittleEndian(out long value) ? value : throw Truncated();

    public string? ReadString()
    {
        var length = ReadInt32();
        if (length < 0)
        {
            return null;
        }

        if (_reader.Remaining < length)
        {
            throw Truncated();
        }

        var slice = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return Encoding.UTF8.GetString(slice);
    }

    private static InvalidDataException Truncated() => new("A transport frame ended before all of its fields were read.");
}
