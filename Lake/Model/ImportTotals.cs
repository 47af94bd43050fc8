namespace Datapunk.Lake.Model;

/// <summary>An import's figures as its stored rows say: the final report, exact whatever runs it took.</summary>
internal sealed record ImportTotals(
    ImportFileCounts Files,
    long Bytes,
    KindCounts Inserted,
    long Duplicates,
    long UnknownFields,
    IReadOnlyList<ImportFileError> Errors);
