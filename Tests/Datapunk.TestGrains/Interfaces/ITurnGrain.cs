namespace Datapunk.TestGrains;

/// <summary>A non-reentrant grain that measures whether its turns ever overlap.</summary>
public interface ITurnGrain : IGrainWithGuidKey
{
    /// <summary>Runs one call that awaits twice, counting calls in progress and where its continuations run.</summary>
    Task TouchAsync();

    /// <summary>Returns what the activation measured so far.</summary>
    Task<TurnStats> GetStatsAsync();
}
