namespace Datapunk.Lake.Model;

/// <summary>An entry a crashed run was reading: its file row, and the chunks its merges committed.</summary>
internal sealed record UnfinishedEntry(long FileId, IReadOnlySet<int> MergedChunks);
