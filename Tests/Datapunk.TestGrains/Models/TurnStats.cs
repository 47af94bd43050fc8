namespace Datapunk.TestGrains;

/// <summary>What a turn-tracking grain measured over the calls it served.</summary>
/// <param name="Completed">Calls that ran to the end.</param>
/// <param name="UnguardedCompleted">The same count kept with a plain increment; lower than <paramref name="Completed"/> when turns raced.</param>
/// <param name="MaxCallsInProgress">Most calls in progress at once, from entry to return, awaits included.</param>
/// <param name="MaxRunningSections">Most synchronous code sections running at the same instant.</param>
/// <param name="ContinuationsOffActivation">Continuations after an await that ran outside the activation's context.</param>
[GenerateSerializer, Immutable]
public sealed record TurnStats(
    [property: Id(0)] int Completed,
    [property: Id(1)] int UnguardedCompleted,
    [property: Id(2)] int MaxCallsInProgress,
    [property: Id(3)] int MaxRunningSections,
    [property: Id(4)] int ContinuationsOffActivation);
