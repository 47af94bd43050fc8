namespace Datapunk.Lake.Model;

/// <summary>What one entry contributed: rows read and rows stored by kind, and the duplicates among them.</summary>
internal sealed record EntryTotals(KindCounts Read, KindCounts Inserted, long Duplicates)
{
    /// <summary>The duplicates by the rule that matched them (for an unchanged entry: all exact).</summary>
    public MatchCounts Matched { get; init; } = new();

    public static EntryTotals Empty => new(new KindCounts(), new KindCounts(), 0);
}
