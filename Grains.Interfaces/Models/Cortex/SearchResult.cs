namespace Datapunk.Grains;

/// <summary>One record a search found, identified as the records API identifies it (kind and id).</summary>
/// <param name="Id">The record's identity within its kind (<c>GET /api/v1/records</c> shows it as <c>id</c>).</param>
/// <param name="Kind">The kind name (<c>emails</c>, …).</param>
/// <param name="Time">When it occurred, if it has a time.</param>
/// <param name="Snippet">Where it matched, the matched words between <see cref="SearchPage.HighlightStart"/> and <see cref="SearchPage.HighlightEnd"/>.</param>
/// <param name="Score">The fused score (reciprocal rank fusion): higher is better; only comparable within one search.</param>
/// <param name="Matched">The methods that found it: <c>fulltext</c>, <c>fuzzy</c>, <c>semantic</c>.</param>
/// <param name="RemovedAtSource">Set when the live source removed or cancelled the record's item (the record is kept); null otherwise.</param>
[GenerateSerializer, Immutable, Alias("search-result")]
public sealed record SearchResult(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset? Time,
    [property: Id(3)] string? Title,
    [property: Id(4)] string? Snippet,
    [property: Id(5)] double Score,
    [property: Id(6)] IReadOnlyList<string> Matched,
    [property: Id(7)] string? Url,
    [property: Id(8)] GeoPoint? Position,
    [property: Id(9)] SourceRemoval? RemovedAtSource = null);
