using System.Text.RegularExpressions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Fallback;

/// <summary>
/// Best matches from the Lake's records reader (<see cref="RecordsReader"/>, <see cref="RecordsQuery.Text"/>:
/// substring of title or body, or similar title words). A question is not a substring of anything, so
/// each of its content words (not the small words of English, German and French) is looked up, and
/// records matching more of them rank first, newer before older.
/// </summary>
public sealed partial class LakeTextSearch(RecordsReader records) : IAnswerRecordSearch
{
    private const int MaxWords = 6;

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "what", "when", "where", "who", "which", "did", "does", "have", "has", "was", "were", "are", "you", "your",
        "about", "with", "from", "that", "this", "there", "how", "many", "much", "last", "any", "all", "can", "could", "would", "tell",
        "der", "die", "das", "und", "ich", "mir", "mich", "habe", "hab", "hat", "war", "was", "wann", "wer", "wie", "welche", "über", "mit", "von",
        "les", "des", "une", "est", "que", "qui", "quoi", "quand", "comment", "pour", "avec", "sur", "dans", "j'ai", "ai-je", "mes", "mon",
    };

    public async Task<IReadOnlyList<StoredRecord>> SearchAsync(string userId, string text, RecordsQuery filter, CancellationToken cancellationToken)
    {
        var words = Words().Matches(text.ToLowerInvariant()).Select(match => match.Value)
            .Where(word => word.Length >= 3 && !SmallWords.Contains(word)).Distinct().Take(MaxWords).ToList();
        var hits = new Dictionary<(string Kind, string Id), (StoredRecord Record, int Words)>();
        foreach (var word in words)
        {
            var page = await records.ListAsync(userId, filter with { Text = word, After = null }, cancellationToken);
            foreach (var record in page.Records)
            {
                hits[(record.Kind, record.Id)] = hits.TryGetValue((record.Kind, record.Id), out var hit) ? (record, hit.Words + 1) : (record, 1);
            }
        }

        return [.. hits.Values
            .OrderByDescending(hit => hit.Words).ThenByDescending(hit => hit.Record.OccurredAt)
            .Take(filter.Limit)
            .Select(hit => hit.Record)];
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex Words();
}
