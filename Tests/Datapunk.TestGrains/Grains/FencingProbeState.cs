namespace Datapunk.TestGrains;

/// <summary>The persisted value of a <see cref="FencingProbeGrain"/>.</summary>
public sealed record FencingProbeState
{
    public int Value { get; init; }
}
