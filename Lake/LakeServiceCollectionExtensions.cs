using Datapunk.Lake.Formats;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Reading;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Lake;

public static class LakeServiceCollectionExtensions
{
    /// <summary>
    /// The import engine the import job grains run: format readers, partitions, staging and merge,
    /// with settings under <c>Lake:Import</c>; and the readers the user grain serves its data with. Needs an <c>NpgsqlDataSource</c> registered by the host.
    /// </summary>
    public static IServiceCollection AddLake(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ImportPipelineOptions();
        configuration.GetSection(ImportPipelineOptions.Section).Bind(options);
        services.AddSingleton(options);
        // Every reader of this assembly; DI's choice of constructor would pick the one that takes an (empty) list.
        services.AddSingleton(_ => new FormatReaderRegistry());
        services.AddSingleton<LocationPartitions>();
        services.AddSingleton<ImportJobsTable>();
        services.AddSingleton<ImportPipeline>();
        // Reading a user's data (records, timeline, map, stats): the user grain hands them its own id.
        services.AddSingleton<RecordsReader>();
        services.AddSingleton<TimelineReader>();
        services.AddSingleton<MapPointsReader>();
        services.AddSingleton<MapPlacesReader>();
        services.AddSingleton<DailyStatsReader>();
        return services;
    }
}
