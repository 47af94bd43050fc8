using Datapunk.Forge.Anomalies;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>The anomalies model serves the unusual days.</summary>
public sealed partial class ModelGrain : IAnomaliesModel
{
    public Task<AnomalyList> ListAnomaliesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        RequireKind(Kind, ModelKinds.Anomalies);
        return ServiceProvider.GetRequiredService<AnomaliesService>().ListAsync(User, from, to, cancellationToken);
    }
}
