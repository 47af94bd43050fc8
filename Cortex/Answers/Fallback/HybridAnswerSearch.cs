using Datapunk.Cortex.Search;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Fallback;

/// <summary>
/// The records an answer rests on when no template fits, and the chat model's search tool: Cortex's
/// hybrid search (<see cref="HybridSearch"/>: full text, fuzzy and semantic, fused) over the question's
/// content words, within the filter's kinds, time range and source, then the records themselves
/// (bodies and provenance for the citations) read in the order the search ranked them.
/// </summary>
public sealed class HybridAnswerSearch(HybridSearch search, RecordsReader records) : IAnswerRecordSearch
{
    public async Task<IReadOnlyList<StoredRecord>> SearchAsync(string userId, string text, RecordsQuery filter, CancellationToken cancellationToken)
    {
        var words = QuestionWords.Of(text);
        if (words.Count == 0)
        {
            return [];
        }

        var query = new SearchQuery(
            string.Join(' ', words), filter.Kinds, filter.From, filter.To, filter.Source is { } source ? [source] : [],
            null, null, Math.Clamp(filter.Limit, 1, SearchQueries.MaxLimit), null);
        var page = await search.SearchAsync(userId, query, cancellationToken);
        // An answer cites records; rows of the user's tables are not records (they have no time or provenance to cite).
        var found = page.Results.Where(result => result.Kind != TableRowHits.Kind);
        return await records.GetAsync(userId, [.. found.Select(result => new RecordKey(result.Kind, result.Id))], cancellationToken);
    }
}
