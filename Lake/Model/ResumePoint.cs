namespace Datapunk.Lake.Model;

/// <summary>
/// Where a run of an import starts, read from the import's own rows: entries already finished
/// are not read again; entries that were being read are re-read, skipping the chunks already merged.
/// </summary>
internal sealed record ResumePoint(
    IReadOnlyDictionary<string, FinishedEntry> Finished,
    IReadOnlyDictionary<string, UnfinishedEntry> Unfinished);
