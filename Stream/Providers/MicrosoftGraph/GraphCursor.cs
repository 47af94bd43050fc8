using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// The cursor of a Microsoft Graph connection (docs/sources.md): <c>calendar</c>, the calendar view's delta
/// link (<c>nextLink</c> while a round is under way, <c>deltaLink</c> once it finished) with the end of the
/// window it was asked for (<c>windowEnd</c>); <c>mail</c>, per well-known folder name, the folder's link the
/// same way. The poller keeps a page's cursor only once the page is stored, so a round cut short goes on
/// from its next page. Every change is a copy.
/// </summary>
internal static class GraphCursor
{
    private const string Calendar = "calendar";
    private const string Mail = "mail";
    private const string NextLink = "nextLink";
    private const string DeltaLink = "deltaLink";
    private const string WindowEnd = "windowEnd";

    /// <summary>The calendar view's link and the end of its window; nulls before the first round.</summary>
    public static (GraphDeltaLink? Link, DateTimeOffset? WindowEnd) CalendarOf(JsonObject cursor) =>
        cursor[Calendar] is JsonObject calendar
            ? (LinkOf(calendar), DateTimeOffset.TryParse(ProviderJson.Text(calendar[WindowEnd]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) ? end : null)
            : (null, null);

    public static JsonObject WithCalendar(JsonObject cursor, GraphDeltaLink link, DateTimeOffset windowEnd)
    {
        var calendar = LinkJson(link);
        calendar[WindowEnd] = windowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return With(cursor, next => next[Calendar] = calendar);
    }

    /// <summary>The link of the mail folder <paramref name="folder"/> (a well-known name: <c>inbox</c>); null before its first round.</summary>
    public static GraphDeltaLink? FolderOf(JsonObject cursor, string folder) => cursor[Mail]?[folder] is JsonObject kept ? LinkOf(kept) : null;

    public static JsonObject WithFolder(JsonObject cursor, string folder, GraphDeltaLink link) => With(cursor, next =>
    {
        if (next[Mail] is not JsonObject mail)
        {
            next[Mail] = mail = [];
        }

        mail[folder] = LinkJson(link);
    });

    private static GraphDeltaLink? LinkOf(JsonObject kept) =>
        ProviderJson.Text(kept[NextLink]) is { } next ? new GraphDeltaLink(next, IsDelta: false)
        : ProviderJson.Text(kept[DeltaLink]) is { } delta ? new GraphDeltaLink(delta, IsDelta: true)
        : null;

    private static JsonObject LinkJson(GraphDeltaLink link) => new() { [link.IsDelta ? DeltaLink : NextLink] = link.Url };

    private static JsonObject With(JsonObject cursor, Action<JsonObject> change)
    {
        var next = cursor.DeepClone().AsObject();
        change(next);
        return next;
    }
}
