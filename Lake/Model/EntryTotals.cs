namespace Datapunk.Lake.Model;

/// <summary>What one entry contributed: rows read and rows stored by kind, and the duplicates among them.</summary>
internal sealed record EntryTotals(KindCounts Read, KindCounts Inserted, long Duplicates)
{
    public static EntryTotals Empty => new(new KindCounts(), new KindCounts(), 0);
}
