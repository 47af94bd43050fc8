using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Search;

/// <summary>
/// A checked search: the trimmed text and its words, the record kinds as stored, whether the rows of
/// the user's tables are asked for, the methods asked for (<see cref="SearchMethods"/>) and the
/// position after the previous page.
/// </summary>
internal sealed record ParsedSearch(
    string Text, IReadOnlyList<string> Words, string? TsQuery, short[] Kinds, bool AsksTableRows, IReadOnlySet<string> Methods, SearchQuery Query,
    SearchCursor? After)
{
    /// <summary>Full text runs when asked for and the text has a word to match.</summary>
    public bool RunsFullText => TsQuery is not null && Methods.Contains(SearchMethods.FullText);

    public bool RunsFuzzy => Methods.Contains(SearchMethods.Fuzzy);

    /// <summary>The query's words but the last, as whole words (<see cref="SearchTerms.WholeWordsQuery"/>); null for one word.</summary>
    public string? WholeWords => SearchTerms.WholeWordsQuery(Words);

    public bool AsksSemantic => Methods.Contains(SearchMethods.Semantic);

    /// <summary>
    /// Table rows are searched when asked for (no kinds named, or <see cref="TableRowHits.Kind"/> among
    /// them), by full text, and no filter a row cannot pass (time, place, source) is set.
    /// </summary>
    public bool RunsTableRows => AsksTableRows && RunsFullText && !FiltersRecords;

    /// <summary>True when a filter on the records' own fields is set: time, place or source (kinds are not one).</summary>
    public bool FiltersRecords => Query.From is not null || Query.To is not null || Query.Near is not null || Query.Sources.Count > 0;

    /// <summary>True when the query names some kinds and not all of them: each is then read on its own.</summary>
    public bool NamesKinds => Query.Kinds.Count > 0 && Kinds.Length < RecordKindNames.Records.Count;

    /// <summary>The box around <see cref="SearchQuery.Near"/>'s circle, when it has one.</summary>
    public NearBox? NearBox => Query.Near is { } near && Query.RadiusMeters is { } radius ? NearBox.Around(near, radius) : null;
}
