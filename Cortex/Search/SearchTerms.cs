using System.Text;
using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Search;

/// <summary>
/// The words of a query, as the full-text query (to_tsquery syntax, parsed by
/// <c>user_data.search_query</c> under each language) and the fuzzy snippet use them. Only letters
/// and digits reach to_tsquery, so no query text can be read as tsquery operators.
/// </summary>
public static partial class SearchTerms
{
    public const int MaxWords = 16;

    /// <summary>The query's words, lower-cased, at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. Word().Matches(text).Select(match => match.Value.ToLowerInvariant()).Take(MaxWords)];

    /// <summary>
    /// Every word required, the last one as a prefix (what someone still typing means); null when the
    /// query has no word at all.
    /// </summary>
    public static string? TsQuery(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }

        var query = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            query.Append(i == 0 ? "" : " & ").Append('\'').Append(words[i]).Append('\'');
        }

        return query.Append(":*").ToString();
    }

    /// <summary>
    /// The words before the last one, each required as a whole word; null for a query of one word.
    /// A record matching <see cref="TsQuery"/> matches this, so when no record does, full text has
    /// nothing to find and need not expand the last word's prefix (a common prefix gathers hundreds of
    /// thousands of records from the index).
    /// </summary>
    public static string? WholeWordsQuery(IReadOnlyList<string> words) =>
        words.Count < 2 ? null : string.Join(" & ", words.Take(words.Count - 1).Select(word => $"'{word}'"));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
