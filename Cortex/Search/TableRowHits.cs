using Npgsql;

namespace Datapunk.Cortex.Search;

/// <summary>
/// The rows of the user's uploaded tables a search finds (migration 0052): full text over each row's
/// values through <c>user_table_rows_search_text</c>, every word in its own form (lower-cased, not
/// stemmed: rows are parsed by 'simple'), the last also as a prefix, ranked by how often the words occur, scored as a
/// record found only by full text at that rank would be, so the two lists merge into one ranking.
/// Tables have no time, place or source, so a search filtering by any of those finds no rows.
/// </summary>
internal static class TableRowHits
{
    /// <summary>The kind a row found is shown as, and which <c>kind=</c> asks for (or leaves out).</summary>
    public const string Kind = "table_rows";

    /// <summary>
    /// Where rows sort among results of equal score: after every record kind (records take the small
    /// numbers of <c>RecordKind</c>), so a cursor orders the two lists without comparing identities.
    /// </summary>
    public const short CursorKind = 1000;

    /// <summary>A row's identity in results and cursors: the table's name and the row's 1-based number.</summary>
    public static string Identity(string table, long row) => $"{table}/{row}";

    /// <summary>
    /// The statement: the rows matching every word (the last as a prefix), the first <c>@depth</c> by
    /// relevance, after the cursor, best first, with a snippet of the row's "column: value" text.
    /// </summary>
    public static string Sql(ParsedSearch search) => $"""
        WITH matches AS (
            SELECT t.name, r.row_number, t.columns, r.row_values, ts_rank(r.search_text, user_data.table_row_query(@terms)) AS relevance
            FROM user_data.user_table_rows r
            JOIN user_data.user_tables t ON t.table_id = r.table_id AND t.user_id = @user
            WHERE r.user_id = @user AND r.search_text @@ user_data.table_row_query(@terms)
            ORDER BY relevance DESC, t.name, r.row_number LIMIT @depth),
        ranked AS (
            SELECT name, row_number, columns, row_values, name || '/' || row_number AS identity,
                   @w_fulltext / (@k + row_number() OVER (ORDER BY relevance DESC, name, row_number)) AS score
            FROM matches)
        SELECT name, row_number, score, user_data.search_snippet(NULL, user_data.table_row_display(columns, row_values), @terms)
        FROM ranked
        {(search.After is null ? "" : $"WHERE score < @after_score OR (score = @after_score AND ({CursorKind}::smallint, identity) > (@after_kind, @after_identity))")}
        ORDER BY score DESC, identity LIMIT @limit
        """;

    /// <summary>The rows found, as results with their exact scores, best first.</summary>
    public static async Task<List<(SearchResult Result, decimal Score, short Kind)>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(SearchResult, decimal, short)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            var row = reader.GetInt64(1);
            var score = reader.GetDecimal(2);
            var result = new SearchResult(
                Identity(table, row), Kind, null, $"{table}, row {row}", reader.IsDBNull(3) ? null : reader.GetString(3),
                (double)score, [SearchMethods.FullText], null, null);
            rows.Add((result, score, CursorKind));
        }

        return rows;
    }
}
