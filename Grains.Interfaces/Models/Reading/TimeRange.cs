namespace Datapunk.Grains;

/// <summary>A time range of a read (<see cref="To"/> excluded); an open end means all time on that side.</summary>
[GenerateSerializer, Immutable, Alias("time-range")]
public sealed record TimeRange([property: Id(0)] DateTimeOffset? From, [property: Id(1)] DateTimeOffset? To);
