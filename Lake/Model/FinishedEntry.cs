namespace Datapunk.Lake.Model;

/// <summary>An entry whose outcome is stored; <see cref="Bytes"/> counts toward progress.</summary>
internal sealed record FinishedEntry(EntryStatus Status, long Bytes);
