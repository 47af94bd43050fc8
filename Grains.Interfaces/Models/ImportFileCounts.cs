namespace Datapunk.Grains;

/// <summary>
/// Files (archive entries) of an import by outcome. <see cref="Total"/> is every entry found so far
/// (null while unknown, e.g. before a .tgz has been read to its end) and, once done, the sum of the others.
/// </summary>
[GenerateSerializer, Immutable, Alias("import-file-counts")]
public sealed record ImportFileCounts(
    [property: Id(0)] long? Total,
    [property: Id(1)] long Imported,
    [property: Id(2)] long Skipped,
    [property: Id(3)] long Failed,
    [property: Id(4)] long Unchanged,
    [property: Id(5)] long Rejected)
{
    public static ImportFileCounts None { get; } = new(null, 0, 0, 0, 0, 0);

    /// <summary>Entries finished whatever their outcome.</summary>
    public long Done => Imported + Skipped + Failed + Unchanged + Rejected;
}
