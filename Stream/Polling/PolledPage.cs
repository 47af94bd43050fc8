using System.Text.Json.Nodes;

namespace Datapunk.Streams.Polling;

/// <summary>
/// One page a poll read: its records, the request that returned it (the lineage's path), and the cursor
/// to keep once the page is stored (null: the cursor stays as it was). <paramref name="CurrentVersions"/>:
/// the records are the source's current versions of what they describe (an event edited at the
/// provider is read again), so a stored record of the same identity whose time, title, text or link
/// differ takes this page's; otherwise a stored record is kept as it is.
/// </summary>
public sealed record PolledPage(
    string Source, string FormatId, string Request, IReadOnlyList<PersonalRecord> Records, JsonObject? Cursor, bool CurrentVersions = false);
