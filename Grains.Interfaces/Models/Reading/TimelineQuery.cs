namespace Datapunk.Grains;

/// <summary>
/// A user's local days (<c>GET /api/v1/timeline</c>), every kind merged in time order: a day is the
/// day on the clock where the user was (docs/cortex.md, "Places and local time").
/// </summary>
/// <param name="From">The first local day.</param>
/// <param name="To">The last local day (included).</param>
/// <param name="TimeZone">An IANA time zone id (<c>Europe/Berlin</c>): the clock of times for which nothing says where the user was.</param>
/// <param name="Limit">Entries per page.</param>
/// <param name="After">The cursor of the previous page's <see cref="TimelinePage.Next"/>.</param>
/// <param name="Kinds">The kinds to show (<c>place_visits</c>, <c>spotify_plays</c>, … and <c>location_points</c> for the hourly
/// fix summaries); none for every kind.</param>
/// <param name="Sources">The sources to show: export format ids (<c>google.location.records</c>) or families (<c>google.location</c>,
/// <c>spotify</c>) of the files, polls and live batches that stored the records and fixes; none for every source.</param>
[GenerateSerializer, Immutable, Alias("timeline-query")]
public sealed record TimelineQuery(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] int Limit,
    [property: Id(4)] string? After,
    [property: Id(5)] IReadOnlyList<string>? Kinds = null,
    [property: Id(6)] IReadOnlyList<string>? Sources = null);
