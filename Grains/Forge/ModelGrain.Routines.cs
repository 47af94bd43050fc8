using Datapunk.Forge.Routines;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>The routines model serves home, work and routines.</summary>
public sealed partial class ModelGrain : IRoutinesModel
{
    public Task<RoutinesView> GetRoutinesAsync(CancellationToken cancellationToken)
    {
        RequireKind(Kind, ModelKinds.Routines);
        return ServiceProvider.GetRequiredService<RoutinesDocument>().ReadAsync(User, cancellationToken);
    }
}
