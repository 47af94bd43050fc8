using Datapunk.Lake.Formats;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Reading;
using Datapunk.Lake.ServerFolders;
using Datapunk.Lake.Storage;
using Datapunk.Lake.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Datapunk.Lake;

public static class LakeServiceCollectionExtensions
{
    /// <summary>
    /// The import engine the import job grains run: format readers, partitions, staging and merge,
    /// with settings under <c>Lake:Import</c>; the upload spool (<c>Spool</c>) and its sweeper of expired
    /// uploads; the server-side import folders (<c>Imports:AllowedRoots</c>); and the readers the user
    /// grain serves its data with; the catalog's refresh and readers; the store of live location fixes (<c>Ingest</c>); users' own tables (<c>Tables</c>); the SQL workbench (<c>Workbench</c>, its login's
    /// <see cref="Workbench.WorkbenchDataSource"/> and an <see cref="Workbench.IWorkbenchResultCache"/> registered by the host). Needs an <c>NpgsqlDataSource</c> registered by the host, and takes an
    /// <see cref="ImportWriterDataSource"/> it registered before, else merges share that pool.
    /// </summary>
    public static IServiceCollection AddLake(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ImportPipelineOptions();
        configuration.GetSection(ImportPipelineOptions.Section).Bind(options);
        services.AddSingleton(options);
        // Every reader of this assembly; DI's choice of constructor would pick the one that takes an (empty) list.
        services.AddSingleton(_ => new FormatReaderRegistry());
        services.AddSingleton<LocationPartitions>();
        // The host registers the import writer's own pool first when it has a login for it.
        services.TryAddSingleton(provider => ImportWriterDataSource.SharedWith(provider.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.AddSingleton<ImportJobsTable>();
        services.AddSingleton<ImportsOverview>();
        services.AddSingleton<ImportPipeline>();
        services.AddSingleton<ImportActivity>();
        // Reading a user's data (records, timeline, map, stats): the user grain hands them its own id.
        services.AddSingleton<RecordsReader>();
        services.AddSingleton<TimelineReader>();
        services.AddSingleton<MapPointsReader>();
        services.AddSingleton<MapPlacesReader>();
        services.AddSingleton<MapTileReader>();
        services.AddSingleton<MapExtentReader>();
        services.AddSingleton<DailyStatsReader>();
        // The catalog (docs/catalog.md): its refresh, which the user's catalog grain runs, and its readers.
        services.AddSingleton<Catalog.CatalogRefreshRequests>();
        services.AddSingleton<Catalog.CatalogRefresher>();
        services.AddSingleton<Catalog.CatalogReader>();
        services.AddSingleton<Catalog.LineageReader>();
        services.AddSingleton<Deletion.ImportDeletions>();
        // Where the user was and what places are called: Cortex's (AddCortex) where it is registered.
        services.TryAddSingleton<ILocalZoneSpans, NoLocalZoneSpans>();
        services.TryAddSingleton<IPlaceNamer, NoPlaceNames>();

        var roots = new ImportRootsOptions();
        configuration.GetSection(ImportRootsOptions.Section).Bind(roots);
        services.AddSingleton(provider => new AllowedImportRoots(roots, provider.GetRequiredService<SpoolOptions>().Path));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var spool = new SpoolOptions();
            configuration.GetSection(SpoolOptions.Section).Bind(spool);
            spool.Path = Path.GetFullPath(spool.Path, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return spool;
        });
        services.AddSingleton<UploadSpool>();
        services.AddSingleton<UploadsTable>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadWriter>();
        services.AddSingleton<UploadImports>();
        services.AddSingleton<ExpiredUploadsSweeper>();
        // Live location from phones (OwnTracks, Overland): the bounds on a request and the store of its fixes.
        var live = new Live.LiveLimits();
        configuration.GetSection(Live.LiveLimits.Section).Bind(live);
        services.AddSingleton(live);
        services.AddSingleton<Live.LiveFixStore>();
        // The SQL workbench: the host registers its login's pool and the result cache (without a login it refuses).
        var workbench = new Workbench.WorkbenchLimits();
        configuration.GetSection(Workbench.WorkbenchLimits.Section).Bind(workbench);
        services.AddSingleton(workbench);
        services.TryAddSingleton(_ => Workbench.WorkbenchDataSource.NotConfigured());
        services.AddSingleton<Workbench.WorkbenchRunner>();
        services.AddSingleton<Workbench.SqlHistoryStore>();
        services.AddSingleton<Workbench.SavedQueriesStore>();
        services.AddSingleton<Workbench.WorkbenchSchema>();
        services.AddHostedService(provider => provider.GetRequiredService<ExpiredUploadsSweeper>());
        // Users' own tables (docs/catalog.md, "Uploaded tables"): previews, storing, and the tables' catalog.
        var tables = new Tables.UserTablesOptions();
        configuration.GetSection(Tables.UserTablesOptions.Section).Bind(tables);
        services.AddSingleton(tables);
        services.AddSingleton<Tables.TableUploadFiles>();
        services.AddSingleton<Tables.UserTablePreviews>();
        services.AddSingleton<Tables.UserTableWriter>();
        services.AddSingleton<Tables.UserTableCatalog>();
        return services;
    }
}
