using Npgsql;

namespace Datapunk.Cortex.Search;

/// <summary>
/// The spellings of a query's words in the user's vocabulary (<c>user_data.search_words</c>, migration
/// 0049), as the full-text query fuzzy matching runs. A word the vocabulary holds is its own only
/// spelling; any other gets the user's words sharing enough of its trigrams and within a few edits of
/// it (one for words of up to 5 letters, two up to 9, three beyond; a swap of two letters is two),
/// nearest first. Any spelling of any word matches, as the whole-title similarity this replaced let a
/// title match part of a query: the list is ranked by how much of the query the title resembles.
/// Words that are stop words in one of the languages (the, der, les) are left out: they would match
/// nearly every title. Runs in the search's transaction, as <c>datapunk_search</c>, filtered by the
/// user explicitly.
/// </summary>
internal static class FuzzySpellings
{
    private const string Sql = """
        SELECT w.word
        FROM unnest(@words::text[]) WITH ORDINALITY AS q(word, position)
        CROSS JOIN LATERAL (
            SELECT CASE WHEN length(q.word) <= 5 THEN 1 WHEN length(q.word) <= 9 THEN 2 ELSE 3 END AS edits,
                   EXISTS (SELECT 1 FROM user_data.search_words k WHERE k.user_id = @user AND k.word = q.word) AS word_is_known,
                   length(q.word) >= 3 AND length(to_tsvector('pg_catalog.english', q.word)) > 0
                       AND length(to_tsvector('pg_catalog.german', q.word)) > 0
                       AND length(to_tsvector('pg_catalog.french', q.word)) > 0 AS word_is_compared) AS known
        CROSS JOIN LATERAL (
            SELECT s.word, levenshtein_less_equal(s.word, q.word, known.edits) AS distance
            FROM user_data.search_words s
            WHERE known.word_is_compared AND s.user_id = @user AND s.word % q.word
              AND levenshtein_less_equal(s.word, q.word, known.edits) <= known.edits
              AND (NOT known.word_is_known OR s.word = q.word)
            ORDER BY distance, similarity(s.word, q.word) DESC, s.word
            LIMIT @alternatives) AS w
        ORDER BY q.position, w.distance, w.word
        """;

    /// <summary>The tsquery text (<c>user_data.search_query</c>'s input), or null when no word has a spelling.</summary>
    public static async Task<string?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, IReadOnlyList<string> words, int alternatives, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return null;
        }

        var spellings = new List<string>();
        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        {
            command.Parameters.AddWithValue("words", words.ToArray());
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("alternatives", alternatives);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                spellings.Add(reader.GetString(0));
            }
        }

        return spellings.Count == 0 ? null : TsQuery(spellings);
    }

    /// <summary>Every spelling ORed, each once and quoted as one term (to_tsquery syntax).</summary>
    internal static string TsQuery(IEnumerable<string> spellings) =>
        string.Join(" | ", spellings.Distinct(StringComparer.Ordinal).Select(Quoted));

    private static string Quoted(string word) => "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
