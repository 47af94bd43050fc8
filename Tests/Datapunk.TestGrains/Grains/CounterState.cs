namespace Datapunk.TestGrains;

/// <summary>The persisted total of a <see cref="CounterGrain"/>.</summary>
public sealed class CounterState
{
    public int Total { get; set; }
}
