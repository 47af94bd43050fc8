namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// A growable byte buffer with a hard limit: bytes past the limit are dropped and remembered as
/// <see cref="Truncated"/>, so hostile input (a 50 MB header, a megabyte-long folded line) costs at
/// most the limit.
/// </summary>
public sealed class BoundedBuffer(int limit)
{
    private byte[] _data = new byte[Math.Min(limit, 4096)];

    public int Limit { get; } = limit;

    public int Length { get; private set; }

    /// <summary>True when bytes were dropped because the limit was reached.</summary>
    public bool Truncated { get; private set; }

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _data.AsMemory(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var room = Limit - Length;
        if (bytes.Length > room)
        {
            Truncated = true;
            bytes = bytes[..room];
        }

        if (bytes.IsEmpty)
        {
            return;
        }

        Reserve(bytes.Length);
        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(byte value) => Append([value]);

    /// <summary>Drops the last byte (a quoted-printable soft break's '=').</summary>
    public void RemoveLast()
    {
        if (Length > 0)
        {
            Length--;
        }
    }

    public void Clear()
    {
        Length = 0;
        Truncated = false;
    }

    public byte[] ToArray() => Span.ToArray();

    private void Reserve(int extra)
    {
        if (Length + extra <= _data.Length)
        {
            return;
        }

        var size = Math.Min(Limit, Math.Max(_data.Length * 2, Length + extra));
        Array.Resize(ref _data, size);
    }
}
