namespace Datapunk.TestGrains;

/// <summary>The persisted state of a <see cref="LinkedCounterGrain"/>: a grain reference, stored as its id.</summary>
[GenerateSerializer, Alias("test-linked-counter-state")]
public sealed record LinkedCounterState
{
    [Id(0)] public ICounterGrain? Counter { get; init; }
}
