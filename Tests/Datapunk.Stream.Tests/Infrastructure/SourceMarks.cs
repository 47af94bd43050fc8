using System.Text.Json.Nodes;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>Reads the marks of records removed at their source (<c>removed_at_source</c>, <c>removed_reason</c>) and replays a poll from a kept cursor.</summary>
internal static class SourceMarks
{
    /// <summary>The user's records of the kind named <paramref name="kind"/>, one line each, sorted by title: <c>title reason</c>, <c>-</c> for a record not marked.</summary>
    public static Task<string> OfAsync(string userId, string kind) =>
        UserRows.ScalarAsync<string>(userId, """
            SELECT coalesce(string_agg(r.title || ' ' || coalesce(r.removed_reason, '-'), E'\n' ORDER BY r.title COLLATE "C"), '')
            FROM user_data.records r JOIN user_data.record_kinds k USING (kind)
            WHERE r.user_id = $1 AND k.name = $2 AND (r.removed_reason IS NULL) = (r.removed_at_source IS NULL)
            """, userId, kind);

    /// <summary>Everything a mark may change of the user's records (the mark, when it was seen, the source), to compare before and after a replay.</summary>
    public static Task<string> StateAsync(string userId) =>
        UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(identity || ' ' || coalesce(removed_reason, '-') || ' ' || coalesce(removed_at_source::text, '-') || ' ' || md5(source::text), E'\n' ORDER BY identity COLLATE "C")
            FROM user_data.records WHERE user_id = $1
            """, userId);

    /// <summary>The connection's cursor now, to replay the pages after it.</summary>
    public static async Task<JsonObject> CursorAsync(StreamEngine engine, ConnectionKey key) =>
        (await engine.Get<ConnectionsTable>().FindAsync(key, TestContext.Current.CancellationToken))!.Cursor.DeepClone().AsObject();

    /// <summary>Puts <paramref name="cursor"/> back and polls again: the pages after it are read and stored a second time, as after a sync restarted from an older point.</summary>
    public static async Task<PollResult> ReplayAsync(StreamEngine engine, ConnectionKey key, JsonObject cursor)
    {
        await engine.Get<PolledPageStore>().KeepCursorAsync(key, cursor, TestContext.Current.CancellationToken);
        return await engine.Get<ConnectionPoller>().PollAsync(key, TestContext.Current.CancellationToken);
    }
}
