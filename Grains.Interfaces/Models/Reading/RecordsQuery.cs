namespace Datapunk.Grains;

/// <summary>A page of a user's records (<c>GET /api/v1/records</c>), newest first.</summary>
/// <param name="Kinds">Kind names (<c>place_visits</c>, …); empty for every kind of record.</param>
/// <param name="From">Only records that occurred at or after this instant.</param>
/// <param name="To">Only records that occurred before this instant.</param>
/// <param name="Source">The export format the records came from (<c>spotify.extended-history</c>), or its family (<c>spotify</c>).</param>
/// <param name="Text">Text the title or body contains (any case), or that resembles the title's words.</param>
/// <param name="Limit">Records per page.</param>
/// <param name="After">The cursor of the previous page's <see cref="RecordsPage.Next"/>.</param>
[GenerateSerializer, Immutable, Alias("records-query")]
public sealed record RecordsQuery(
    [property: Id(0)] IReadOnlyList<string> Kinds,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] string? Source,
    [property: Id(4)] string? Text,
    [property: Id(5)] int Limit,
    [property: Id(6)] string? After);
