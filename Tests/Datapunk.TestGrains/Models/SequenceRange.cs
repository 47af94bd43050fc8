namespace Datapunk.TestGrains;

/// <summary>A block of consecutive numbers handed out by <see cref="ISequenceGrain"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SequenceRange([property: Id(0)] long First, [property: Id(1)] int Count);
