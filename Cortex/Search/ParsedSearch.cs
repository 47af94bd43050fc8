
namespace Datapunk.Cortex.Search;

/// <summary>A checked search: the trimmed text and its words, kinds as stored, and the position after the previous page.</summary>
internal sealed record ParsedSearch(
    string Text, IReadOnlyList<string> Words, string? TsQuery, short[] Kinds, SearchQuery Query, SearchCursor? After);
