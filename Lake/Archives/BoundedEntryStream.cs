namespace Datapunk.Lake.Archives;

/// <summary>
/// Wraps a decompressing stream and stops it, with a message that names the entry, when it grows
/// past the entry limit, the compression ratio limit or the import's total budget.
/// </summary>
internal sealed class BoundedEntryStream(Stream inner, ExportEntry entry, ArchiveLimits limits, ExpansionBudget budget) : ReadOnlyStream
{
    private long _read;

    public long BytesRead => _read;

    public override long Position => _read;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Account(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Account(n);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Account(int n)
    {
        _read += n;
        if (_read > limits.MaxEntryBytes)
        {
            throw new ArchiveLimitException($"{entry.Path} expands past the limit of {limits.MaxEntryBytes:N0} bytes per entry; it is skipped as a possible zip bomb.");
        }

        if (entry.CompressedLength is { } stored && _read > limits.RatioExemptBytes && _read > stored * limits.MaxCompressionRatio)
        {
            throw new ArchiveLimitException(
                $"{entry.Path} expands more than {limits.MaxCompressionRatio:0}× its stored size of {stored:N0} bytes; it is skipped as a possible zip bomb.");
        }

        if (entry.Length is { } declared && _read > declared && declared >= 0)
        {
            throw new ArchiveLimitException($"{entry.Path} expands past the {declared:N0} bytes its archive declares; the archive is corrupt or hostile.");
        }

        budget.Spend(n, entry);
    }
}

/// <summary>The bytes one import may still expand, shared by all its entries.</summary>
public sealed class ExpansionBudget(ArchiveLimits limits)
{
    private long _spent;

    public long Spent => Interlocked.Read(ref _spent);

    public void Spend(long bytes, ExportEntry entry)
    {
        if (Interlocked.Add(ref _spent, bytes) > limits.MaxTotalBytes)
        {
            throw new ArchiveLimitException(
                $"The import expands past its total limit of {limits.MaxTotalBytes:N0} bytes while reading {entry.Path}; it stops as a possible zip bomb.");
        }
    }
}

/// <summary>An archive exceeded a safety limit.</summary>
public sealed class ArchiveLimitException : Exception
{
    public ArchiveLimitException() { }

    public ArchiveLimitException(string message) : base(message) { }

    public ArchiveLimitException(string message, Exception inner) : base(message, inner) { }
}
