using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Search;

/// <summary>
/// A checked search: the trimmed text and its words, kinds as stored, the methods asked for
/// (<see cref="SearchMethods"/>) and the position after the previous page.
/// </summary>
internal sealed record ParsedSearch(
    string Text, IReadOnlyList<string> Words, string? TsQuery, short[] Kinds, IReadOnlySet<string> Methods, SearchQuery Query, SearchCursor? After)
{
    /// <summary>Full text runs when asked for and the text has a word to match.</summary>
    public bool RunsFullText => TsQuery is not null && Methods.Contains(SearchMethods.FullText);

    public bool RunsFuzzy => Methods.Contains(SearchMethods.Fuzzy);

    public bool AsksSemantic => Methods.Contains(SearchMethods.Semantic);

    /// <summary>True when the query names some kinds and not all of them: each is then read on its own.</summary>
    public bool NamesKinds => Query.Kinds.Count > 0 && Kinds.Length < RecordKindNames.Records.Count;

    /// <summary>The box around <see cref="SearchQuery.Near"/>'s circle, when it has one.</summary>
    public NearBox? NearBox => Query.Near is { } near && Query.RadiusMeters is { } radius ? NearBox.Around(near, radius) : null;
}
