namespace Datapunk.Lake.Model;

/// <summary>An import's figures as its stored rows say: the final report, exact whatever runs it took.</summary>
/// <param name="Duplicates">Rows read that were not inserted, plus the records of unchanged entries.</param>
/// <param name="Matched">The duplicates by the rule that matched them with a stored record, as the merges recorded them.</param>
/// <param name="Rejected">Records the readers or the sink refused, by reason.</param>
internal sealed record ImportTotals(
    ImportFileCounts Files,
    long Bytes,
    KindCounts Inserted,
    long Duplicates,
    MatchCounts Matched,
    RejectCounts Rejected,
    long UnknownFields,
    IReadOnlyList<ImportFileError> Errors);
