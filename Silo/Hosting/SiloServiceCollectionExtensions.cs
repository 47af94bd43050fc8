using Datapunk.Actors.Hosting;
using Datapunk.Grains.Lake.Formats;
using Datapunk.Grains.Lake.Pipeline;
using Datapunk.Grains.Lake.Storage;
using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>Kestrel on the gateway port, JSON problem details, OpenAPI.</summary>
    public static WebApplicationBuilder AddDatapunkGateway(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.WebHost.UseUrls($"http://{settings.GatewayListenAddress}:{settings.GatewayPort}");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(settings);
        return builder;
    }

    /// <summary>The application's PostgreSQL pool and the schema migrations that run before the silo joins.</summary>
    public static IServiceCollection AddDatapunkStorage(this IServiceCollection services, SiloSettings settings)
    {
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(settings.PostgresConnectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "datapunk-silo";
            PostgresPoolDefaults.Apply(builder.ConnectionStringBuilder, settings.PostgresConnectionString);
            return builder.Build();
        });
        services.AddHostedService<DatabaseMigrationService>();
        return services;
    }

    /// <summary>The import pipeline the import job grains run: format readers, partitions, staging and merge (settings under Lake:Import).</summary>
    public static IServiceCollection AddDatapunkLake(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ImportPipelineOptions();
        configuration.GetSection(ImportPipelineOptions.Section).Bind(options);
        services.AddSingleton(options);
        // Every reader of the grains assembly; DI's choice of constructor would pick the one that takes an (empty) list.
        services.AddSingleton(_ => new FormatReaderRegistry());
        services.AddSingleton<LocationPartitions>();
        services.AddSingleton<ImportJobsTable>();
        services.AddSingleton<ImportPipeline>();
        return services;
    }

    /// <summary>The actor runtime hosting Datapunk's grains.</summary>
    public static IServiceCollection AddDatapunkActors(this IServiceCollection services, SiloSettings settings, IConfiguration configuration) =>
        services.AddDatapunkSilo(settings.ToActorOptions(configuration), typeof(UserGrain).Assembly);
}
