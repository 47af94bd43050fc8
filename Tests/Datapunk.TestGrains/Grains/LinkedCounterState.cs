namespace Datapunk.TestGrains;

/// <summary>The persisted state of a <see cref="LinkedCounterGrain"/>: a grain reference, stored as its id.</summary>
public sealed class LinkedCounterState
{
    public ICounterGrain? Counter { get; set; }
}
