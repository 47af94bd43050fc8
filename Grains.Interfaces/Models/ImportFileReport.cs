namespace Datapunk.Grains;

/// <summary>One file (archive entry) of an import and what became of it: the per-file import report.</summary>
/// <param name="File">The entry key, <c>input name!path inside</c>.</param>
/// <param name="Status">imported, unchanged, skipped, failed, rejected (or importing, while it is read).</param>
/// <param name="FormatId">The reader that recognised it, when one did.</param>
/// <param name="Variant">The variant of the format the reader found.</param>
/// <param name="Bytes">Its uncompressed size.</param>
/// <param name="RecordsStored">Distinct new records it added.</param>
/// <param name="Duplicates">Records it held that were stored already (for an unchanged file, all it held when first imported).</param>
/// <param name="Message">Why it was skipped, failed or rejected.</param>
[GenerateSerializer, Immutable, Alias("import-file-report")]
public sealed record ImportFileReport(
    [property: Id(0)] string File,
    [property: Id(1)] string Status,
    [property: Id(2)] string? FormatId,
    [property: Id(3)] string? Variant,
    [property: Id(4)] long? Bytes,
    [property: Id(5)] long RecordsStored,
    [property: Id(6)] long Duplicates,
    [property: Id(7)] string? Message)
{
    /// <summary>The most file reports one request returns.</summary>
    public const int MaxPerPage = 1000;

    /// <summary>
    /// Records the reader met in the file, stored or not: <see cref="RecordsStored"/> + <see cref="Duplicates"/>
    /// + the rejected ones. For an unchanged file, which is not read again, the records it held.
    /// </summary>
    [Id(8)] public long RecordsRead { get; init; }

    /// <summary>Records that matched one already stored, by rule (<c>exact</c>, <c>cross_format</c>, <c>cross_source</c>); every rule is present.</summary>
    [Id(9)] public IReadOnlyDictionary<string, long> Matched { get; init; } = new Dictionary<string, long>();

    /// <summary>Records refused, by reason name (<c>time_in_future</c>, …); only the reasons that occurred.</summary>
    [Id(10)] public IReadOnlyDictionary<string, long> RejectedRecords { get; init; } = new Dictionary<string, long>();

    /// <summary>The first few refusals of each reason, "reason: which record, where in the file".</summary>
    [Id(11)] public IReadOnlyList<string> RejectedExamples { get; init; } = [];
}
