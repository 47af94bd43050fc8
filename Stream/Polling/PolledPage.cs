using System.Text.Json.Nodes;

namespace Datapunk.Streams.Polling;

/// <summary>
/// One page a poll read: its records, the request that returned it (the lineage's path), and the cursor
/// to keep once the page is stored (null: the cursor stays as it was).
/// </summary>
public sealed record PolledPage(string Source, string FormatId, string Request, IReadOnlyList<PersonalRecord> Records, JsonObject? Cursor);
