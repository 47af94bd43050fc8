namespace Datapunk.Grains;

/// <summary>A page of search results, best first, and the cursor of the next page (null on the last).</summary>
/// <param name="SemanticModel">The embedding model whose vectors answered the semantic part; null when none could (no vectors yet).</param>
[GenerateSerializer, Immutable, Alias("search-page")]
public sealed record SearchPage(
    [property: Id(0)] IReadOnlyList<SearchResult> Results,
    [property: Id(1)] string? Next,
    [property: Id(2)] string? SemanticModel)
{
    /// <summary>Marks where a matched word starts in a snippet.</summary>
    public const string HighlightStart = "**";

    /// <summary>Marks where a matched word ends in a snippet.</summary>
    public const string HighlightEnd = "**";
}
