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
    /// <c>NpgsqlDataSource</c> registered by the host. A gazetteer registered as <see cref="IPlaceNameSource"/>
    /// before this call names places the export's visits do not.
    /// </summary>
    public static IServiceCollection AddForge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ForgeOptions.From(configuration));
        services.TryAddSingleton<DailyStatsReader>();
        services.TryAddSingleton<IPlaceNameSource, Datapunk.Forge.Places.NoPlaceNames>();
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
