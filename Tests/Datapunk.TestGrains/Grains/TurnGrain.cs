namespace Datapunk.TestGrains;

/// <summary>A non-reentrant grain: its calls must never overlap (<see cref="TurnCountingGrain"/> counts them).</summary>
public sealed class TurnGrain() : TurnCountingGrain(sectionSpins: 20), ITurnGrain;
