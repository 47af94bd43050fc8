namespace Datapunk.Grains;

/// <summary>One file (archive entry) of an import and what became of it: the per-file import report.</summary>
/// <param name="File">The entry key, <c>input name!path inside</c>.</param>
/// <param name="Status">imported, unchanged, skipped, failed, rejected (or importing, while it is read).</param>
/// <param name="FormatId">The reader that recognised it, when one did.</param>
/// <param name="Variant">The variant of the format the reader found.</param>
/// <param name="Bytes">Its uncompressed size.</param>
/// <param name="RecordsStored">Distinct new records it added.</param>
/// <param name="Duplicates">Records it held that were stored already.</param>
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
}
