namespace Datapunk.Grains;

/// <summary>
/// The names of the methods a search fuses, as <see cref="SearchResult.Matched"/> lists them and as a
/// <see cref="SearchQuery.Methods"/> selects them (one method alone is how the evaluation compares them).
/// </summary>
public static class SearchMethods
{
    public const string FullText = "fulltext";

    public const string Fuzzy = "fuzzy";

    public const string Semantic = "semantic";

    public static readonly IReadOnlyList<string> All = [FullText, Fuzzy, Semantic];
}
