using Datapunk.Lake.Storage;
using Datapunk.Lake.Workbench;
using Datapunk.Silo.Api;
using Datapunk.Silo.Storage;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Npgsql;

namespace Datapunk.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Kestrel on the HTTP gateway port and on the gRPC port, JSON problem details. The gRPC port speaks
    /// HTTP/2 only: without TLS there is no protocol negotiation, and a port offering HTTP/1.1 as well
    /// answers gRPC clients' prior-knowledge HTTP/2 as HTTP/1.1, which they cannot use.
    /// </summary>
    public static WebApplicationBuilder AddDatapunkGateway(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var address = GatewayAddress(settings.GatewayListenAddress);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, settings.GatewayPort);
            kestrel.Listen(address, settings.GrpcPort, endpoint => endpoint.Protocols = HttpProtocols.Http2);
        });
        // Grains get time to hand over (imports stop at a chunk boundary) before the process exits.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterRecoveringExceptionHandler>();
        builder.Services.AddExceptionHandler<AccessDeniedExceptionHandler>();
        builder.Services.AddSingleton(settings);
        return builder;
    }

    private static IPAddress GatewayAddress(string listenAddress) =>
        listenAddress == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(listenAddress, out var address) ? address
            : throw new InvalidOperationException($"Gateway:ListenAddress must be an IP address (0.0.0.0 for every interface) or localhost, got '{listenAddress}'.");

    /// <summary>
    /// The application's PostgreSQL pool, as the silos' login (Datapunk's own tables; Orleans' providers have their own
    /// connections), the import writer's pool when it has a login of its own, and the SQL workbench's (users' SQL runs as its login
    /// alone; its results are cached in Redis) (docs/security.md, "Isolation in the database").
    /// </summary>
    public static IServiceCollection AddDatapunkDatabase(this IServiceCollection services, SiloSettings settings)
    {
        services.AddSingleton(_ => BuildDataSource(settings.PostgresConnectionString, "datapunk-silo"));
        if (settings.PostgresImportConnectionString is { } import)
        {
            services.AddSingleton(_ => ImportWriterDataSource.OfItsOwn(BuildDataSource(import, "datapunk-import-writer")));
        }

        if (settings.PostgresWorkbenchConnectionString is { } workbench)
        {
            services.AddSingleton(_ => WorkbenchDataSource.Of(BuildDataSource(workbench, "datapunk-workbench")));
        }

        services.AddSingleton<IWorkbenchResultCache, RedisWorkbenchResultCache>();

        return services;
    }

    private static NpgsqlDataSource BuildDataSource(string connectionString, string applicationName)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= applicationName;
        PostgresPoolDefaults.Apply(builder.ConnectionStringBuilder, connectionString);
        return builder.Build();
    }
}
