using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>Home, work and weekly routines as the promoted version of the routines model serves them; reached on the grain keyed <c>user/routines</c>.</summary>
[Alias("routines-model")]
public interface IRoutinesModel : IGrainWithStringKey
{
    /// <summary>Home and work with their confidence, and the routines, most regular first.</summary>
    [Alias("GetRoutinesAsync"), ReadOnly]
    Task<RoutinesView> GetRoutinesAsync(CancellationToken cancellationToken = default);
}
