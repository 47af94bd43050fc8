using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The gRPC gateway (package <c>datapunk.v1</c>, Protos/): the same services as the REST API, on the
/// dedicated HTTP/2 port <c>Gateway:GrpcPort</c>, behind the same authentication, act-as, rate limits
/// and authorization policies, with the caller carried into every grain call.
/// </summary>
public static class GrpcSetup
{
    public static IServiceCollection AddDatapunkGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpc(grpc =>
        {
            // Outermost first: errors see everything the others throw; the audit entry sees the caller set.
            grpc.Interceptors.Add<GrpcErrorInterceptor>();
            grpc.Interceptors.Add<CallerContextInterceptor>();
            grpc.Interceptors.Add<GrpcAuditInterceptor>();
        });
        services.AddSingleton(ImportWatchSettings.From(configuration));
        // Replaces the default: a refused gRPC call gets a gRPC status, a refused REST request its 401 or 403.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapDatapunkGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<MeService>();
        app.MapGrpcService<TokensService>();
        app.MapGrpcService<UsersService>();
        app.MapGrpcService<ImportsService>();
        app.MapGrpcService<AuditService>();
        app.MapGrpcService<RecordsService>();
        app.MapGrpcService<TimelineService>();
        app.MapGrpcService<MapService>();
        app.MapGrpcService<StatsService>();
        app.MapGrpcService<PrivacyService>();
        app.MapGrpcService<AnswersService>();
        app.MapGrpcService<PlacesGrpcService>();
        app.MapGrpcService<SearchService>();
        app.MapGrpcService<ConnectionsService>();
        app.MapGrpcService<TablesService>();
        app.MapGrpcService<ModelsService>();
        app.MapGrpcService<AnomaliesGrpcService>();
        app.MapGrpcService<WorkbenchService>();
        app.MapGrpcService<CatalogService>();
        return app;
    }
}
