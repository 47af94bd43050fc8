namespace Datapunk.Client;

/// <summary>A page of search results as <c>GET /api/v1/search</c> answers it: best first, the link to the next page, the model of the semantic part.</summary>
public sealed record SearchResults(IReadOnlyList<SearchResult> Results, string? Next, string? SemanticModel);
