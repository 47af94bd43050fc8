namespace Datapunk.Cortex.Search;

/// <summary>
/// The CTEs of a search's two text lists (<see cref="SearchSql"/>): full text through
/// <c>records_text_lexemes</c> and fuzzy matching through <c>records_title_lexemes</c>, each the
/// <c>@pool</c> newest matches of the user's records passing the filters, found one of the ways
/// <see cref="NewestMatches"/> describes, then ranked.
/// </summary>
internal static class TextListsSql
{
    /// <summary>
    /// The full-text list: of the records matching every word (the last as a prefix), the
    /// <c>@pool</c> newest, ranked by how well their title matches, then by time.
    /// </summary>
    public static string FullText(ParsedSearch search) => $"""
        {NewestMatches("fulltext", "search_title", "search_text", "user_data.search_query(@terms)", search)}
        fulltext AS (
            SELECT kind, identity,
                   row_number() OVER (ORDER BY ts_rank_cd(search_title, user_data.search_query(@terms)) DESC,
                                               occurred_at DESC NULLS LAST, kind, identity) AS rank
            FROM fulltext_matches{WholeWordsGate(search)}
            ORDER BY rank LIMIT @depth),

        """;

    /// <summary>
    /// For a query of several words, a condition evaluated once, before the matches are looked for: some
    /// record of the user holds the words before the last as whole words. When none does (a typo
    /// followed by a common prefix: `lighthuose keeper`), the full-text list is empty without the index
    /// gathering every record of the prefix (745 ms for `keeper`'s 360,000 records at 10 M).
    /// </summary>
    private static string WholeWordsGate(ParsedSearch search) => search.WholeWords is null ? ""
        : "\n    WHERE EXISTS (SELECT 1 FROM user_data.records w WHERE w.user_id = @user AND w.search_text @@ user_data.search_query(@whole_words))";

    /// <summary>
    /// The fuzzy list: of the records whose title holds a spelling of any of the query's words found in
    /// the user's vocabulary of titles (<c>@fuzzy_terms</c>, through <c>records_title_lexemes</c>), the
    /// <c>@pool</c> newest, ranked by how much their title resembles the text (pg_trgm's word
    /// similarity), then by time.
    /// </summary>
    public static string Fuzzy(ParsedSearch search) => $"""
        {NewestMatches("fuzzy", "title", "search_title", "user_data.search_any(@fuzzy_terms)", search)}
        fuzzy AS (
            SELECT kind, identity,
                   row_number() OVER (ORDER BY word_similarity(@text, title) DESC, occurred_at DESC NULLS LAST, kind, identity) AS rank
            FROM fuzzy_matches
            ORDER BY rank LIMIT @depth),

        """;

    /// <summary>
    /// <c>near_records</c>, for a search with a radius: the user's records within it passing the other
    /// filters, at most <c>@near_records</c> (through the position index), each with whether full text
    /// and fuzzy matching match it. Read once for both lists: reading them was most of a radius search.
    /// </summary>
    public static string NearRecords(ParsedSearch search, bool runsFuzzy) => $"""
        near_records AS MATERIALIZED (
            SELECT r.kind, r.identity, r.occurred_at, r.title, r.search_title,
                   {(search.RunsFullText ? "r.search_text @@ user_data.search_query(@terms)" : "false")} AS fulltext_match,
                   {(runsFuzzy ? "r.search_title @@ user_data.search_any(@fuzzy_terms)" : "false")} AS fuzzy_match
            FROM user_data.records r
            WHERE r.user_id = @user{SearchSql.Filters(search, withKinds: true)}
            LIMIT @near_records),

        """;

    /// <summary>
    /// <c>{name}_matches</c>: kind, identity, time and <paramref name="kept"/> (a column of the records)
    /// of the user's <c>@pool</c> newest records passing the filters whose <paramref name="document"/>
    /// matches <paramref name="query"/>, newest first. PostgreSQL alone chose between reading the user's
    /// records newest first and taking every match from the text index by its estimate of how common the
    /// words are, and at 10 million records it chose wrong both ways: 178,000 records read for a word
    /// whose 11,795 matches the index gave in 55 ms; 735,000 matches of `museum` taken from the index to
    /// intersect with the 22,920 records near a point (docs/benchmarks.md). So the statement decides:
    /// <list type="bullet">
    /// <item>With a radius: the records within it (<c>near_records</c>, through the position index, read
    /// once for both lists), each tested for the words, when they are fewer than <c>@near_records</c>;
    /// else, around one's home, PostgreSQL's choice.</item>
    /// <item>With a source: PostgreSQL's choice (the source's records come in no time order).</item>
    /// <item>Else by how many of the user's <c>@recent_records</c> newest records passing the filters
    /// match (<c>{name}_newest</c>): at least <c>@pool</c> (a common word), those; fewer than
    /// <c>@recent_minimum</c> (0.2 %: a rare word), every match through the text index, the filters
    /// tested after it (<c>{name}_indexed</c>: intersected with a time range's or a kind's index, whose
    /// hundreds of thousands of entries took 110 ms, a rare word's matches got no fewer); in between, the
    /// newest records read on up to <c>@recent_reach</c> (<c>{name}_read_on</c>).</item>
    /// </list>
    /// Each way gives the same records, except for a word common enough among the newest records to be
    /// read on but rarer further back: its pool holds its matches among the newest <c>@recent_reach</c>
    /// records only. When the search names kinds, each kind is read newest first on its own and the
    /// kinds merged, so a kind with few records is not found by reading every other kind's.
    /// </summary>
    private static string NewestMatches(string name, string kept, string document, string query, ParsedSearch search)
    {
        var match = $"r.{document} @@ {query}";
        var columns = $"r.kind, r.identity, r.occurred_at, r.{kept}";
        if (search.Query.Near is not null)
        {
            return $"""
                {name}_matches AS (
                    (SELECT kind, identity, occurred_at, {kept} FROM near_records
                     WHERE {name}_match AND (SELECT count(*) FROM near_records) < @near_records
                     ORDER BY occurred_at DESC NULLS LAST, kind, identity LIMIT @pool)
                    UNION ALL
                    (SELECT * FROM ({Newest(search, columns, " AND " + match, "@pool")}) AS dense
                     WHERE (SELECT count(*) FROM near_records) >= @near_records)),
                """;
        }

        if (search.Query.Sources.Count > 0)
        {
            return $"""
                {name}_matches AS (
                    {Newest(search, columns, " AND " + match, "@pool")}),
                """;
        }

        var read = $"{columns}, r.{document}";
        return $"""
            {name}_newest AS MATERIALIZED (
                SELECT {columns} FROM ({Newest(search, read, "", "@recent_records")}) AS r
                WHERE {match}
                ORDER BY r.occurred_at DESC NULLS LAST, r.kind, r.identity LIMIT @pool),
            {name}_read_on AS MATERIALIZED (
                SELECT {columns} FROM ({Newest(search, read, "", "@recent_reach")}) AS r
                WHERE (SELECT count(*) FROM {name}_newest) BETWEEN @recent_minimum AND @pool - 1 AND {match}
                ORDER BY r.occurred_at DESC NULLS LAST, r.kind, r.identity LIMIT @pool),
            {name}_indexed AS MATERIALIZED (
                SELECT {columns} FROM user_data.records r
                WHERE (SELECT count(*) FROM {name}_newest) < @recent_minimum AND r.user_id = @user AND {match}),
            {name}_matches AS (
                (SELECT * FROM {name}_newest WHERE (SELECT count(*) FROM {name}_newest) >= @pool)
                UNION ALL
                (SELECT * FROM {name}_read_on)
                UNION ALL
                (SELECT * FROM {name}_indexed r WHERE true{SearchSql.Filters(search, withKinds: true)}
                 ORDER BY occurred_at DESC NULLS LAST, kind, identity LIMIT @pool)),
            """;
    }

    /// <summary>
    /// <paramref name="columns"/> of the user's <paramref name="limit"/> newest records passing the filters and
    /// <paramref name="condition"/>, newest first: through <c>records_recent</c>, or, when the search names
    /// kinds, each kind through <c>records_newest_by_kind</c> and the kinds merged.
    /// </summary>
    private static string Newest(ParsedSearch search, string columns, string condition, string limit)
    {
        if (!search.NamesKinds)
        {
            return $"""
                SELECT {columns}
                    FROM user_data.records r
                    WHERE r.user_id = @user{condition}{SearchSql.Filters(search, withKinds: true)}
                    ORDER BY r.occurred_at DESC NULLS LAST, r.kind, r.identity LIMIT {limit}
                """;
        }

        var filters = SearchSql.Filters(search, withKinds: false);
        var kinds = Enumerable.Range(1, search.Kinds.Length).Select(kind => $"""
            (SELECT {columns}
             FROM user_data.records r
             WHERE r.user_id = @user AND r.kind = (@kinds)[{kind}]{condition}{filters}
             ORDER BY r.occurred_at DESC NULLS LAST, r.identity LIMIT {limit})
            """);
        return $"""
            SELECT * FROM (
            {string.Join("\nUNION ALL\n", kinds)}) AS by_kind
                ORDER BY occurred_at DESC NULLS LAST, kind, identity LIMIT {limit}
            """;
    }
}
