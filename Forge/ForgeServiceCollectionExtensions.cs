using Datapunk.Forge.Anomalies;
using Datapunk.Forge.Places;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Routines;
using Datapunk.Forge.Training;
using Datapunk.Lake.Reading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Datapunk.Forge;

public static class ForgeServiceCollectionExtensions
{
    /// <summary>
    /// Per-user models and their registry (docs/forge.md), with settings under <c>Forge</c>. Needs an
    /// <c>NpgsqlDataSource</c> registered by the host. Places the export's visits do not name are named through
    /// the Lake's <c>IPlaceNamer</c> (<see cref="GazetteerPlaceNames"/>): Cortex's offline gazetteer in the silo.
    /// </summary>
    public static IServiceCollection AddForge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ForgeOptions.From(configuration));
        services.TryAddSingleton<DailyStatsReader>();
        // The Lake's defaults when no Cortex is in the host (engine tests): the query's zone, no town names.
        services.TryAddSingleton<ILocalZoneSpans, NoLocalZoneSpans>();
        services.TryAddSingleton<IPlaceNamer, NoPlaceNames>();
        services.TryAddSingleton<IPlaceNameSource, GazetteerPlaceNames>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelTraining>();
        services.AddSingleton<IModelTrainer, PlacesTrainer>();
        services.AddSingleton<IModelTrainer, RoutinesTrainer>();
        services.AddSingleton<IModelTrainer, AnomaliesTrainer>();
        services.AddSingleton<PlacesService>();
        services.AddSingleton<RoutinesDocument>();
        services.AddSingleton<AnomaliesService>();
        return services;
    }
}
