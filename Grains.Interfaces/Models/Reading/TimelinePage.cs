namespace Datapunk.Grains;

/// <summary>One page of a timeline and the cursor of the next one (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("timeline-page")]
public sealed record TimelinePage(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To,
    [property: Id(3)] IReadOnlyList<TimelineEntry> Entries,
    [property: Id(4)] string? Next);
