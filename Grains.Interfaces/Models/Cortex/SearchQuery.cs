namespace Datapunk.Grains;

/// <summary>One search over all of a user's records (<c>GET /api/v1/search</c>).</summary>
/// <param name="Text">What to look for: words (the last may be a prefix), a name with a typo, or a description.</param>
/// <param name="Kinds">Kind names (<c>emails</c>, …); empty for every kind of record.</param>
/// <param name="From">Only records that occurred at or after this instant.</param>
/// <param name="To">Only records that occurred before this instant.</param>
/// <param name="Sources">Export formats (<c>google.keep.note</c>) or families (<c>google.keep</c>) the records came from; empty for any.</param>
/// <param name="Near">Only records with a position within <paramref name="RadiusMeters"/> of this point.</param>
/// <param name="RadiusMeters">The radius around <paramref name="Near"/>, in metres.</param>
/// <param name="Limit">Results per page.</param>
/// <param name="After">The cursor of the previous page's <see cref="SearchPage.Next"/>.</param>
/// <param name="Methods">Which methods run (<see cref="SearchMethods"/>: fulltext, fuzzy, semantic); null or empty for all of them, fused.</param>
[GenerateSerializer, Immutable, Alias("search-query")]
public sealed record SearchQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] IReadOnlyList<string> Kinds,
    [property: Id(2)] DateTimeOffset? From,
    [property: Id(3)] DateTimeOffset? To,
    [property: Id(4)] IReadOnlyList<string> Sources,
    [property: Id(5)] GeoPoint? Near,
    [property: Id(6)] double? RadiusMeters,
    [property: Id(7)] int Limit,
    [property: Id(8)] string? After,
    [property: Id(9)] IReadOnlyList<string>? Methods = null);
