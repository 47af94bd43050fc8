using System.Globalization;
using System.Text;
using Datapunk.Cortex.Embeddings;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Search;

/// <summary>
/// The one statement of a search: each method's ranked list of the user's records passing the
/// filters (full text through <c>records_recent</c> or <c>records_search_text</c>, fuzzy through
/// <c>records_title_trigram</c>, semantic through the serving model's HNSW index), fused by reciprocal rank fusion in exact
/// decimals, and the page after the cursor with its snippets. Only fixed text and the serving
/// model's number and dimension (from <c>vectors.embedding_models</c>) are written into the SQL;
/// every value of the query is a parameter.
/// </summary>
internal static class SearchSql
{
    /// <summary>The statement, or null when none of the methods asked for can run (so nothing can match).</summary>
    public static string? Build(ParsedSearch search, StoredModel? semantic)
    {
        var filters = Filters(search);
        var methods = new List<string>();
        var sql = new StringBuilder("WITH ");
        if (search.RunsFullText)
        {
            sql.Append(FullText(filters));
            methods.Add("SELECT kind, identity, rank, 'fulltext', @w_fulltext FROM fulltext");
        }

        if (search.RunsFuzzy)
        {
            sql.Append(Fuzzy(filters));
            methods.Add("SELECT kind, identity, rank, 'fuzzy', @w_fuzzy FROM fuzzy");
        }

        if (semantic is not null && search.AsksSemantic)
        {
            var distance = $"{semantic.VectorSql("e.embedding")} <=> {semantic.VectorSql("@vector::real[]")}";
            sql.Append($"""
                nearest AS (
                    SELECT e.kind, e.identity, {distance} AS distance
                    FROM vectors.record_embeddings e
                    JOIN user_data.records r ON r.user_id = e.user_id AND r.kind = e.kind AND r.identity = e.identity
                    WHERE e.user_id = @user AND e.model_id = {semantic.Id}{filters}
                    ORDER BY {distance} LIMIT @depth),
                semantic AS (
                    SELECT kind, identity, row_number() OVER (ORDER BY distance, kind, identity) AS rank
                    FROM nearest WHERE distance <= @max_distance),

                """);
            methods.Add("SELECT kind, identity, rank, 'semantic', @w_semantic FROM semantic");
        }

        if (methods.Count == 0)
        {
            return null;
        }

        sql.Append($"""
            fused AS (
                SELECT kind, identity, sum(weight / (@k + rank)) AS score, array_agg(method ORDER BY method) AS matched
                FROM ({string.Join(" UNION ALL ", methods)}) AS found(kind, identity, rank, method, weight)
                GROUP BY kind, identity)
            SELECT f.kind, f.identity, r.occurred_at, r.title,
                   CASE WHEN 'fulltext' = ANY(f.matched) THEN user_data.search_snippet(r.title, r.body, @terms)
                        WHEN 'fuzzy' = ANY(f.matched) THEN coalesce(user_data.fuzzy_snippet(r.title, @words), r.title)
                        ELSE left(coalesce(nullif(r.body, ''), r.title), 200) END,
                   f.score, f.matched, r.url, ST_Y(r.position::geometry), ST_X(r.position::geometry)
            FROM fused f
            JOIN user_data.records r ON r.user_id = @user AND r.kind = f.kind AND r.identity = f.identity

            """);
        if (search.After is not null)
        {
            sql.Append("WHERE f.score < @after_score OR (f.score = @after_score AND (f.kind, f.identity) > (@after_kind, @after_identity))\n");
        }

        sql.Append("ORDER BY f.score DESC, f.kind, f.identity LIMIT @limit");
        return sql.ToString();
    }

    /// <summary>
    /// The full-text list: of the records matching every word (the last as a prefix), the
    /// <c>@pool</c> newest, ranked by how well their title matches, then by time. The newest matches
    /// are found one of two ways, with the same answer. The recency scan reads the user's newest
    /// <c>@scan</c> records passing the filters, newest first (<c>records_recent</c>), and tests each
    /// one's stored document: cheap, and enough for a common word. Only when it finds fewer than
    /// <c>@pool</c> matches does the index scan run (a one-time filter on the scan's count): every
    /// match through <c>records_search_text</c>, sorted by time, which is cheap for a rare word. If
    /// the scan found <c>@pool</c>, they are the newest <c>@pool</c> matches of all, so both ways
    /// give the same list.
    /// </summary>
    private static string FullText(string filters) => $"""
        {NewestMatches("fulltext", "r.search_title", "r.search_text @@ user_data.search_query(@terms)", filters)}
        fulltext AS (
            SELECT kind, identity,
                   row_number() OVER (ORDER BY ts_rank_cd(search_title, user_data.search_query(@terms)) DESC,
                                               occurred_at DESC NULLS LAST, kind, identity) AS rank
            FROM fulltext_matches
            ORDER BY rank LIMIT @depth),

        """;

    /// <summary>
    /// The fuzzy list, bounded as the full-text one is: of the records whose title resembles the text
    /// (pg_trgm's word similarity above the threshold), the <c>@pool</c> newest, found the same two
    /// ways, ranked by how much their title resembles it. Ranking every resembling title made a word
    /// common in titles (15 % of a million records) cost seconds, each tested and sorted.
    /// </summary>
    private static string Fuzzy(string filters) => $"""
        {NewestMatches("fuzzy", "r.title", "@text <% r.title", filters)}
        fuzzy AS (
            SELECT kind, identity, row_number() OVER (ORDER BY word_similarity(@text, title) DESC, kind, identity) AS rank
            FROM fuzzy_matches
            ORDER BY rank LIMIT @depth),

        """;

    /// <summary>
    /// <c>{name}_matches</c>: kind, identity, time and <paramref name="kept"/> of the user's
    /// <c>@pool</c> newest records passing the filters for which <paramref name="match"/> (a condition
    /// on record <c>r</c>) holds, newest first. The recency scan (<c>{name}_scan</c>) reads the newest
    /// <c>@scan</c> records passing the filters (<c>records_recent</c>) and tests each one; only when
    /// it finds fewer than <c>@pool</c> does the index scan run (a one-time filter on the scan's count)
    /// and sort every match by time. If the scan found <c>@pool</c>, they are the newest of all, so
    /// both ways give the same list.
    /// </summary>
    private static string NewestMatches(string name, string kept, string match, string filters) => $"""
        {name}_scan AS MATERIALIZED (
            SELECT r.kind, r.identity, r.occurred_at, {kept}
            FROM (SELECT * FROM user_data.records r
                  WHERE r.user_id = @user{filters}
                  ORDER BY r.occurred_at DESC NULLS LAST, r.kind, r.identity LIMIT @scan) r
            WHERE {match}
            ORDER BY r.occurred_at DESC NULLS LAST, r.kind, r.identity LIMIT @pool),
        {name}_matches AS (
            SELECT * FROM {name}_scan WHERE (SELECT count(*) FROM {name}_scan) >= @pool
            UNION ALL
            (SELECT r.kind, r.identity, r.occurred_at, {kept}
             FROM user_data.records r
             WHERE (SELECT count(*) FROM {name}_scan) < @pool
               AND r.user_id = @user AND {match}{filters}
             ORDER BY r.occurred_at DESC NULLS LAST, r.kind, r.identity LIMIT @pool)),
        """;

    /// <summary>The query's filters on record <c>r</c>, each a condition on parameters.</summary>
    private static string Filters(ParsedSearch search)
    {
        var query = search.Query;
        var filters = new StringBuilder(" AND r.kind = ANY(@kinds)");
        if (query.From is not null)
        {
            filters.Append(" AND r.occurred_at >= @from");
        }

        if (query.To is not null)
        {
            filters.Append(" AND r.occurred_at < @to");
        }

        if (query.Sources.Count > 0)
        {
            filters.Append($" AND r.file_id IN (SELECT f.file_id FROM imports.files f WHERE f.user_id = @user AND {RecordSources.Matches("f.format_id", "@sources")})");
        }

        if (query.Near is not null)
        {
            filters.Append(" AND ST_DWithin(r.position, ST_SetSRID(ST_MakePoint(@near_lng, @near_lat), 4326)::geography, @radius)");
        }

        return filters.ToString();
    }

    /// <summary>A weight or constant as the decimal literal text a numeric parameter carries.</summary>
    public static decimal Exact(double value) => decimal.Parse(value.ToString("0.############", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
