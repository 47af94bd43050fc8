using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// What a top-N answer ranks, over what the Lake's readers store: Spotify's artist fields, the
/// "artist — track" title, a YouTube watch's channel (its first subtitle) and video (the title without
/// its verb), a page's host, a search's words, a visit's place (<see cref="PlaceKeys"/>), and the
/// recipients of mail the user sent. Each is a row source aliased <c>r</c>, a key to group by, a label.
/// </summary>
internal static class Rankings
{
    public sealed record Ranking(string Name, string Unit, string From, string Key, string Label, string Condition);

    private const string Records = "user_data.records r";

    /// <summary>Each recipient of sent mail is a row: its address, lower-cased, is the key; "Name &lt;address&gt;" the label.</summary>
    private const string Recipients = """
        user_data.records r
        CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.source -> 'to') = 'array' THEN r.source -> 'to' ELSE '[]'::jsonb END) recipient(value)
        """;

    public static Ranking Contacts { get; } = new(
        "contacts", "e-mails", Recipients, "lower(coalesce(substring(recipient.value FROM '<([^>]+)>'), recipient.value))", "recipient.value",
        $"r.kind = {(short)RecordKind.Email} AND {RecordFilters.SentMail}");

    /// <summary>Discord messages by the channel they were sent in (the export names channels by id only).</summary>
    public static Ranking DiscordChannels { get; } = new(
        "discord_channels", "messages", Records, "r.source ->> 'channelId'", "'Discord channel ' || (r.source ->> 'channelId')", $"r.kind = {(short)RecordKind.DiscordMessage}");

    private static readonly Dictionary<TopDimension, Ranking> ByDimension = new()
    {
        [TopDimension.Artists] = new("artists", "plays", Records,
            "coalesce(r.source ->> 'master_metadata_album_artist_name', r.source ->> 'artistName', r.source ->> 'episode_show_name', r.source ->> 'podcastName')",
            "coalesce(r.source ->> 'master_metadata_album_artist_name', r.source ->> 'artistName', r.source ->> 'episode_show_name', r.source ->> 'podcastName')",
            $"r.kind = {(short)RecordKind.SpotifyPlay}"),
        [TopDimension.Tracks] = new("tracks", "plays", Records, "r.title", "r.title", $"r.kind = {(short)RecordKind.SpotifyPlay}"),
        [TopDimension.Channels] = new("channels", "videos watched", Records, "r.source #>> '{subtitles,0,name}'", "r.source #>> '{subtitles,0,name}'", $"r.kind = {(short)RecordKind.YoutubeWatch}"),
        [TopDimension.Videos] = new("videos", "watches", Records, "coalesce(r.source #>> '{datapunk,videoId}', r.title)", "coalesce(r.source #>> '{datapunk,object}', r.title)",
            $"r.kind = {(short)RecordKind.YoutubeWatch}"),
        [TopDimension.Websites] = new("websites", "page visits", Records, "lower(substring(r.url FROM '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)'))",
            "lower(substring(r.url FROM '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)'))", $"r.kind = {(short)RecordKind.BrowserVisit}"),
        [TopDimension.Searches] = new("searches", "times", Records, "lower(coalesce(r.source #>> '{datapunk,object}', r.title))", "coalesce(r.source #>> '{datapunk,object}', r.title)",
            $"r.kind = {(short)RecordKind.YoutubeSearch}"),
        [TopDimension.Places] = new("places", "visits", Records, PlaceKeys.Key, "r.title", $"r.kind = {(short)RecordKind.PlaceVisit}"),
        [TopDimension.Contacts] = Contacts,
    };

    public static Ranking Of(TopDimension dimension) => ByDimension[dimension];

    /// <summary>
    /// The query ranking <paramref name="ranking"/> in <c>@start</c>..<c>@end</c>: the top <c>@limit</c>
    /// keys with their most frequent label and count, and the most recent record of each as its citation.
    /// </summary>
    public static string Sql(Ranking ranking) => $"""
        WITH matching AS (
            SELECT r.kind, r.identity, r.occurred_at, r.title, r.position, r.file_id, {ranking.Key} AS key, {ranking.Label} AS label
            FROM {ranking.From}
            WHERE r.user_id = @user AND {ranking.Condition} AND r.occurred_at >= @start AND r.occurred_at < @end
        ), ranked AS (
            SELECT key, mode() WITHIN GROUP (ORDER BY label) AS label, count(*) AS uses
            FROM matching WHERE key IS NOT NULL AND key <> ''
            GROUP BY key
            ORDER BY count(*) DESC, key
            LIMIT @limit
        )
        SELECT ranked.label, ranked.uses, latest.*
        FROM ranked
        CROSS JOIN LATERAL (
            SELECT {CitationSql.Columns("m")}
            FROM matching m {CitationSql.Files("m")}
            WHERE m.key = ranked.key
            ORDER BY m.occurred_at DESC, m.identity
            LIMIT 1
        ) latest
        ORDER BY ranked.uses DESC, ranked.key
        """;
}
