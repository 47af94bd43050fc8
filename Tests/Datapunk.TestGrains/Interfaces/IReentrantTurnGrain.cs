namespace Datapunk.TestGrains;

/// <summary>A [Reentrant] grain that measures how its calls interleave and whether code ever runs in parallel.</summary>
public interface IReentrantTurnGrain : IGrainWithGuidKey
{
    /// <summary>Runs one call made of synchronous sections separated by awaits, counting sections running at once.</summary>
    Task TouchAsync();

    /// <summary>Completes once <paramref name="expected"/> callers are inside this method together; returns how many arrived.</summary>
    Task<int> MeetAsync(int expected);

    /// <summary>Returns what the activation measured so far.</summary>
    Task<TurnStats> GetStatsAsync();
}
