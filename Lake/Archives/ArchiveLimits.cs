namespace Datapunk.Lake.Archives;

/// <summary>
/// Bounds that keep a hostile or broken archive from exhausting memory or disk: a zip bomb stops
/// with a clear error at whichever limit it reaches first.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>Most bytes one entry may expand to.</summary>
    public long MaxEntryBytes { get; init; } = 64L << 30;

    /// <summary>Most bytes one import may expand to, all entries together.</summary>
    public long MaxTotalBytes { get; init; } = 1L << 40;

    /// <summary>Most expansion of an entry relative to its stored size (real Takeout JSON compresses about 10–20×).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Entries smaller than this are not held to the ratio (tiny files compress absurdly well).</summary>
    public long RatioExemptBytes { get; init; } = 1 << 20;

    public static ArchiveLimits Default { get; } = new();
}
