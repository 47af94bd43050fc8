namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Passes a stream through and remembers whether anything other than whitespace or a byte order
/// mark came by, so a reader can tell an empty placeholder file (seen in real Takeouts) from a
/// truncated one.
/// </summary>
internal sealed class ContentProbeStream(Stream inner) : ReadOnlyStream
{
    public bool SawContent { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Probe(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Probe(buffer.Span[..read]);
    }

    private int Probe(ReadOnlySpan<byte> read)
    {
        if (!SawContent)
        {
            SawContent = read.IndexOfAnyExcept(" \t\r\n\uFEFF"u8) >= 0;
        }

        return read.Length;
    }
}
