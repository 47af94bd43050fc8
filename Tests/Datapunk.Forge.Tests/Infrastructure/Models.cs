using Datapunk.Forge.Anomalies;
using Datapunk.Forge.Places;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Routines;
using Datapunk.Forge.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Forge.Tests.Infrastructure;

/// <summary>Forge's engine as the model grain drives it: training runs, the registry, and the services that read the served versions.</summary>
internal sealed class Models(IServiceProvider services)
{
    public static async Task<Models> StartAsync() => new(await ForgeDatabase.ServicesAsync());

    public ModelRegistry Registry => services.GetRequiredService<ModelRegistry>();

    public PlacesService Places => services.GetRequiredService<PlacesService>();

    public RoutinesDocument Routines => services.GetRequiredService<RoutinesDocument>();

    public AnomaliesService Anomalies => services.GetRequiredService<AnomaliesService>();

    /// <summary>Trains one model of the user to the end and says how it ended; fails the test unless it completed.</summary>
    public async Task<int> TrainAsync(string userId, string kind, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<ModelTraining>().RunAsync(userId, kind, SyntheticPerson.TimeZone, "test", "forge-tests", cancellationToken);
        outcome.End.ShouldBe(TrainingEnd.Completed, $"training {kind} for {userId}: {outcome.Message}");
        return outcome.Version!.Value;
    }

    public async Task<int?> PromotedAsync(string userId, string kind, CancellationToken cancellationToken) =>
        (await Registry.ListAsync(userId, kind, cancellationToken)).FirstOrDefault(version => version.Status == ModelStatuses.Promoted)?.Version;
}
