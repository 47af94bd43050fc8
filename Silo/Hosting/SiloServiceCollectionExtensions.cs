using Datapunk.Silo.Api;
using Datapunk.Silo.Storage;
using Npgsql;

namespace Datapunk.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>Kestrel on the HTTP gateway port, JSON problem details.</summary>
    public static WebApplicationBuilder AddDatapunkGateway(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.WebHost.UseUrls($"http://{settings.GatewayListenAddress}:{settings.GatewayPort}");
        // Grains get time to hand over (imports stop at a chunk boundary) before the process exits.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterRecoveringExceptionHandler>();
        builder.Services.AddExceptionHandler<AccessDeniedExceptionHandler>();
        builder.Services.AddSingleton(settings);
        return builder;
    }

    /// <summary>The application's PostgreSQL pool (Datapunk's own tables; Orleans' providers have their own connections).</summary>
    public static IServiceCollection AddDatapunkDatabase(this IServiceCollection services, SiloSettings settings)
    {
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(settings.PostgresConnectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "datapunk-silo";
            PostgresPoolDefaults.Apply(builder.ConnectionStringBuilder, settings.PostgresConnectionString);
            return builder.Build();
        });
        return services;
    }
}
