namespace Datapunk.Testing.Providers;

/// <summary>A message of <see cref="FakeGmailAccount"/>: its ids, labels, <c>raw</c> field and the history id it was added at.</summary>
internal sealed record FakeGmailMessage(string Id, string ThreadId, IReadOnlyList<string> LabelIds, string Raw, long HistoryId);
