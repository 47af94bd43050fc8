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
    string Source, string FormatId, string Request, IReadOnlyList<PersonalRecord> Records, JsonObject? Cursor, bool CurrentVersions = false)
{
    /// <summary>
    /// Archives the provider put into the user's uploads, to import through the Lake's pipeline instead of
    /// records (an archive job's download): the cursor is kept only once their import was started.
    /// </summary>
    public ArchiveImport? Import { get; init; }

    /// <summary>
    /// Stored records the provider says were removed or are there again (<see cref="SourceMark"/>), in the
    /// order the provider told them: the last of a record's marks is its state. Stored with the page, in its
    /// transaction; the page's own records are there at the provider, so they lose a mark they had.
    /// </summary>
    public IReadOnlyList<SourceMark> Marks { get; init; } = [];

    /// <summary>The key of the record's source that holds the provider's own id (<c>gmailId</c>), which <see cref="SourceMark.ProviderId"/> is matched with.</summary>
    public string? ProviderIdKey { get; init; }

    /// <summary>A page that only moves the cursor (a job's progress): no records, no provenance row.</summary>
    public bool CursorOnly { get; init; }

    /// <summary>The provider has more to do at once (a download goes on): the next poll is due now, not a schedule later.</summary>
    public bool Continues { get; init; }

    /// <summary>A page that only keeps <paramref name="cursor"/>.</summary>
    public static PolledPage Progress(string source, JsonObject cursor, bool continues = false) =>
        new(source, "", "", [], cursor) { CursorOnly = true, Continues = continues };

    /// <summary>A page that hands <paramref name="import"/> to the Lake and then keeps <paramref name="cursor"/>.</summary>
    public static PolledPage Archives(string source, ArchiveImport import, JsonObject cursor) =>
        new(source, "", "", [], cursor) { Import = import, CursorOnly = true };
}
