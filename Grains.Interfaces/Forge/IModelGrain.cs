using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// One model of one user, keyed <c>user/kind</c> (<see cref="ModelKeys"/>): its training, one run at a
/// time anywhere in the cluster and resumed on another silo if this one dies, and its versions'
/// promotion and rollback (docs/forge.md). A personal-data grain: it answers only its owner.
/// </summary>
[Alias("model")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks for a training run, saying why ("import", "on demand"); returns at once. Requests that come
    /// while a run is under way make one more run after it, not one each.
    /// </summary>
    [Alias("TrainAsync")]
    Task<ModelOverview> TrainAsync(string reason);

    /// <summary>The model's versions, newest first, the one promoted, and whether a run is under way or asked for.</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<ModelOverview> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Serves <paramref name="version"/> (ready or retired) from now on; the version served until now is retired.</summary>
    [Alias("PromoteAsync")]
    Task<ModelOverview> PromoteAsync(int version);

    /// <summary>Serves again the version promoted before the current one; the current one is retired.</summary>
    [Alias("RollbackAsync")]
    Task<ModelOverview> RollbackAsync();
}
