using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// The cursor of a Gmail connection (docs/sources.md): <c>historyId</c>, where the next incremental
/// synchronization starts (during a full one, the mailbox's history id read before its listing began, so
/// nothing that arrives meanwhile is missed); while a full synchronization is under way, <c>listPageToken</c>,
/// the next page of the listing; while an incremental one is, <c>historyPageToken</c>, its next page. The
/// poller keeps a page's cursor only once the page is stored, so a synchronization cut short goes on there.
/// </summary>
internal sealed record GmailCursor(string? HistoryId, string? ListPageToken, string? HistoryPageToken)
{
    private const string HistoryIdKey = "historyId";
    private const string ListPageTokenKey = "listPageToken";
    private const string HistoryPageTokenKey = "historyPageToken";

    /// <summary>No synchronization yet: the mailbox is read in full.</summary>
    public static GmailCursor Start { get; } = new(null, null, null);

    /// <summary>A full synchronization finished (or an incremental one is under way): read the history.</summary>
    public bool IsIncremental => HistoryId is not null && ListPageToken is null;

    public static GmailCursor Of(JsonObject cursor) => new(
        ProviderJson.Text(cursor[HistoryIdKey]), ProviderJson.Text(cursor[ListPageTokenKey]), ProviderJson.Text(cursor[HistoryPageTokenKey]));

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        Add(json, HistoryIdKey, HistoryId);
        Add(json, ListPageTokenKey, ListPageToken);
        Add(json, HistoryPageTokenKey, HistoryPageToken);
        return json;
    }

    private static void Add(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
