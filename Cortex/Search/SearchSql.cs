using System.Globalization;
using System.Text;
using Datapunk.Cortex.Embeddings;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Search;

/// <summary>
/// The one statement of a search: each method's ranked list of the user's records passing the
/// filters (full text and fuzzy matching from <see cref="TextListsSql"/>, which chooses between the text
/// indexes and the user's records newest first; semantic through the serving model's HNSW index), fused by reciprocal rank
/// fusion in exact decimals, and the page after the cursor with its snippets. Only fixed text and the serving model's number and
/// dimension (from <c>vectors.embedding_models</c>) are written into the SQL; every value of the
/// query is a parameter.
/// </summary>
internal static class SearchSql
{
    /// <summary>
    /// The statement, or null when no record kind is asked for or none of the methods asked for can
    /// run (so no record can match).
    /// <paramref name="fuzzyTerms"/> are the spellings of the query's words found in the user's
    /// vocabulary (<see cref="FuzzySpellings"/>); fuzzy matching runs only when there are some.
    /// </summary>
    public static string? Build(ParsedSearch search, StoredModel? semantic, string? fuzzyTerms)
    {
        if (search.Kinds.Length == 0)
        {
            return null;
        }

        var methods = new List<string>();
        var sql = new StringBuilder("WITH ");
        var runsFuzzy = search.RunsFuzzy && fuzzyTerms is not null;
        if (search.Query.Near is not null && (search.RunsFullText || runsFuzzy))
        {
            sql.Append(TextListsSql.NearRecords(search, runsFuzzy));
        }

        if (search.RunsFullText)
        {
            sql.Append(TextListsSql.FullText(search));
            methods.Add("SELECT kind, identity, rank, 'fulltext', @w_fulltext FROM fulltext");
        }

        if (runsFuzzy)
        {
            sql.Append(TextListsSql.Fuzzy(search));
            methods.Add("SELECT kind, identity, rank, 'fuzzy', @w_fuzzy FROM fuzzy");
        }

        if (semantic is not null && search.AsksSemantic)
        {
            sql.Append(search.Query.Near is not null ? NearestAround(search, semantic)
                : search.FiltersRecords ? NearestFiltered(search, semantic)
                : NearestTexts(semantic));
            sql.Append("""
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
                        WHEN 'fuzzy' = ANY(f.matched) THEN user_data.search_snippet(r.title, r.body, @fuzzy_terms)
                        ELSE left(coalesce(nullif(r.body, ''), r.title), 200) END,
                   f.score, f.matched, r.url, ST_Y(r.position::geometry), ST_X(r.position::geometry), {SourceRemovals.Columns("r")}
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
    /// <c>nearest</c>, the semantic list of a search filtered by kind at most: the user's texts of those kinds
    /// nearest the query (one vector per distinct text, through the model's HNSW index, migration 0062),
    /// then the records embedded from them, nearest first. A text shared by many records (a song played
    /// 300 times) is one point of the index, not 300 identical ones among which the index's search is
    /// caught; its records follow it in (kind, identity) order, as an exact ranking would put them.
    /// Each text's records are looked up by its hash (<c>record_embeddings_text</c>), at most
    /// <c>@depth</c> of them: a lateral lookup whatever the planner believes of the tables' sizes, which
    /// right after an import, before statistics caught up, once made it read every record of a kind for
    /// every text (over 30 s for 6,389 records). The records themselves are joined once, for the page.
    /// </summary>
    private static string NearestTexts(StoredModel semantic) => TextsThenRecords("nearest", semantic, "@depth", "", "");

    /// <summary>
    /// Two CTEs: <c>{name}_texts</c>, the user's <paramref name="texts"/> texts of the asked kinds nearest the
    /// query (the model's HNSW index), and <c>{name}</c>, the records embedded from them that pass
    /// <paramref name="recordFilters"/> (conditions on vector <c>v</c>, and on record <c>r</c> when
    /// <paramref name="recordsJoin"/> joins it), at most <c>@depth</c>, nearest first.
    /// </summary>
    private static string TextsThenRecords(string name, StoredModel semantic, string texts, string recordsJoin, string recordFilters)
    {
        var distance = Distance(semantic);
        return $"""
            {name}_texts AS MATERIALIZED (
                SELECT t.kind, t.text_hash, {distance} AS distance
                FROM vectors.text_embeddings t
                WHERE t.user_id = @user AND t.model_id = {semantic.Id} AND t.kind = ANY(@kinds)
                ORDER BY {distance} LIMIT {texts}),
            {name} AS (
                SELECT e.kind, e.identity, n.distance
                FROM {name}_texts n
                CROSS JOIN LATERAL (
                    SELECT v.kind, v.identity FROM vectors.record_embeddings v{recordsJoin}
                    WHERE v.user_id = @user AND v.model_id = {semantic.Id} AND v.kind = n.kind AND v.text_hash = n.text_hash{recordFilters}
                    ORDER BY v.identity LIMIT @depth) e
                ORDER BY n.distance, e.kind, e.identity LIMIT @depth),

            """;
    }

    /// <summary>The cosine distance of text vector <c>t</c> to the query, as the model's index was built on.</summary>
    private static string Distance(StoredModel semantic) => $"{semantic.VectorSql("t.embedding")} <=> {semantic.VectorSql("@vector::real[]")}";

    /// <summary>
    /// <c>nearest</c>, the semantic list of a search with a radius: the vectors near the point
    /// (<c>vectors.embedding_positions</c>) passing the other filters, each with its text's distance to
    /// the query, nearest first.
    /// </summary>
    private static string NearestAround(ParsedSearch search, StoredModel semantic) => $"""
        nearest AS (
            {ExactFiltered(search, semantic)}),

        """;

    /// <summary>
    /// <c>nearest</c>, the semantic list of a search filtered by time or source: the records of the
    /// <c>@filtered_texts</c> nearest texts that pass the filters, nearest first; or, when fewer than
    /// <c>@filtered_minimum</c> do (a narrow filter, which the nearest texts of all time hardly meet), every
    /// vector passing the filters ranked (their time is on the vectors, migration 0065, so a day or a month
    /// is read by time). Both are gated by the count, so only one runs: ranking every vector of a year took
    /// 5 s at 10 M records, its nearest texts' records about 240 ms.
    /// </summary>
    private static string NearestFiltered(ParsedSearch search, StoredModel semantic) =>
        TextsThenRecords("filtered_nearest", semantic, "@filtered_texts", RecordsForSources(search, "v"), TimeFilter(search, "v") + SourceFilter(search))
        + $"""
            nearest AS (
                SELECT kind, identity, distance FROM filtered_nearest
                WHERE (SELECT count(*) FROM filtered_nearest) >= @filtered_minimum
                UNION ALL
                SELECT * FROM ({ExactFiltered(search, semantic)}) AS every_vector
                WHERE (SELECT count(*) FROM filtered_nearest) < @filtered_minimum),

            """;

    /// <summary>
    /// The records of the vectors <paramref name="alias"/>, joined as <c>r</c> only when the search filters by
    /// source (the records' files): time and place are on the vectors' side (migrations 0060 and 0065), and
    /// looking each vector's record up doubled the cost of ranking every vector of a range.
    /// </summary>
    private static string RecordsForSources(ParsedSearch search, string alias) => search.Query.Sources.Count == 0 ? ""
        : $"\n    JOIN user_data.records r ON r.user_id = {alias}.user_id AND r.kind = {alias}.kind AND r.identity = {alias}.identity";

    /// <summary>
    /// The vectors passing the filters (near a point, from <c>vectors.embedding_positions</c>; in a time
    /// range, by the vectors' own time), each with its text's distance to the query, the nearest <c>@depth</c>.
    /// </summary>
    private static string ExactFiltered(ParsedSearch search, StoredModel semantic)
    {
        var distance = Distance(semantic);
        return $"""
            SELECT e.kind, e.identity, {distance} AS distance
                FROM vectors.record_embeddings e{EmbeddingPositions(search)}{RecordsForSources(search, "e")}
                JOIN vectors.text_embeddings t ON t.user_id = e.user_id AND t.model_id = e.model_id AND t.kind = e.kind AND t.text_hash = e.text_hash
                WHERE e.user_id = @user AND e.model_id = {semantic.Id} AND e.kind = ANY(@kinds){TimeFilter(search, "e")}{SourceFilter(search)}{PlaceFilter(search, "p")}
                ORDER BY {distance} LIMIT @depth
            """;
    }

    /// <summary>The query's filters on record <c>r</c>, each a condition on parameters.</summary>
    internal static string Filters(ParsedSearch search, bool withKinds) =>
        (withKinds ? " AND r.kind = ANY(@kinds)" : "") + TimeFilter(search, "r") + SourceFilter(search) + PlaceFilter(search, "r");

    /// <summary>The time range as a condition on <paramref name="alias"/>'s time: a record's (<c>r</c>) or a vector's copy of it (<c>e</c>, migration 0065).</summary>
    private static string TimeFilter(ParsedSearch search, string alias) =>
        (search.Query.From is null ? "" : $" AND {alias}.occurred_at >= @from") + (search.Query.To is null ? "" : $" AND {alias}.occurred_at < @to");

    private static string SourceFilter(ParsedSearch search) => search.Query.Sources.Count == 0 ? ""
        : $" AND r.file_id IN (SELECT f.file_id FROM imports.files f WHERE f.user_id = @user AND {RecordSources.Matches("f.format_id", "@sources")})";

    /// <summary>
    /// The radius around <see cref="SearchQuery.Near"/> as a condition on <paramref name="alias"/>'s
    /// position: a record's (<c>r</c>) or a vector's copy of it (<c>p</c>, <see cref="EmbeddingPositions"/>).
    /// The box around the circle lets the planner take the rows near the point from their position index
    /// (and intersect them with the text index); the distance on the spheroid then decides.
    /// </summary>
    private static string PlaceFilter(ParsedSearch search, string alias)
    {
        if (search.Query.Near is null)
        {
            return "";
        }

        var box = search.NearBox is null ? ""
            : $" AND {alias}.position IS NOT NULL AND {alias}.position::geometry && ST_MakeEnvelope(@box_west, @box_south, @box_east, @box_north, 4326)";
        return box + $" AND ST_DWithin({alias}.position, ST_SetSRID(ST_MakePoint(@near_lng, @near_lat), 4326)::geography, @radius)";
    }

    /// <summary>
    /// The positions of the vectors' records (<c>vectors.embedding_positions</c>, migration 0060), joined
    /// as <c>p</c> when the search has a radius: their index gives the few vectors near the point, where the
    /// records' would give every record there to look a vector up for.
    /// </summary>
    private static string EmbeddingPositions(ParsedSearch search) => search.Query.Near is null ? ""
        : "\n    JOIN vectors.embedding_positions p ON p.user_id = e.user_id AND p.model_id = e.model_id AND p.kind = e.kind AND p.identity = e.identity";

    /// <summary>A weight or constant as the decimal literal text a numeric parameter carries.</summary>
    public static decimal Exact(double value) => decimal.Parse(value.ToString("0.############", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
