using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>Unusual days as the promoted version of the anomalies model flagged them; reached on the grain keyed <c>user/anomalies</c>.</summary>
[Alias("anomalies-model")]
public interface IAnomaliesModel : IGrainWithStringKey
{
    /// <summary>The flagged local days from <paramref name="from"/> to <paramref name="to"/> (both included), by date.</summary>
    [Alias("ListAnomaliesAsync"), ReadOnly]
    Task<AnomalyList> ListAnomaliesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
