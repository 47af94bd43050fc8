using Datapunk.Cortex;
using Datapunk.Forge;
using Datapunk.Streams;
using Datapunk.Users;
using Datapunk.Silo.Api;
using Datapunk.Silo.Api.Ingest;
using Datapunk.Silo.Api.Tables;
using Datapunk.Silo.Auth;
using Datapunk.Silo.Grpc;
using Datapunk.Silo.Hosting;
using Datapunk.Silo.Storage;
using Datapunk.Silo.Telemetry;
using Datapunk.Silo.WebApp;
using Orleans.Configuration;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
if (args.Contains("--migrate-only"))
{
    // A deployment's migration step, as the owner: the silos themselves then hold no owner credentials.
    using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
    return await DatapunkMigrations.MigrateOnlyAsync(builder.Configuration, loggers);
}

var settings = SiloSettings.From(builder.Configuration);

builder.AddDatapunkGateway(settings);
builder.AddDatapunkAuthentication(settings);
builder.Services.AddDatapunkRateLimits(builder.Configuration);
builder.Services.AddSingleton(new IngestTokenLimits(builder.Configuration.GetValue("Ingest:RequestsPerMinute", 120)));
builder.Services.AddDatapunkOpenApi();
builder.Services.AddDatapunkGrpc(builder.Configuration);
builder.Services.AddDatapunkDatabase(settings);
builder.Services.AddLake(builder.Configuration);
builder.Services.AddUsers(builder.Configuration);
builder.Services.AddCortex(builder.Configuration);
builder.Services.AddForge(builder.Configuration);
builder.Services.AddStream(builder.Configuration);

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(cluster =>
    {
        cluster.ClusterId = settings.ClusterId;
        cluster.ServiceId = settings.ServiceId;
    });
    silo.Configure<EndpointOptions>(endpoints =>
    {
        endpoints.AdvertisedIPAddress = settings.AdvertisedAddress;
        endpoints.SiloPort = settings.SiloPort;
        endpoints.GatewayPort = settings.OrleansGatewayPort;
        endpoints.SiloListeningEndpoint = new(settings.SiloListenAddress, settings.SiloPort);
        endpoints.GatewayListeningEndpoint = settings.OrleansGatewayPort > 0 ? new(settings.SiloListenAddress, settings.OrleansGatewayPort) : null;
    });

    // Membership, grain state and reminders in PostgreSQL (schema orleans, migration 0004).
    silo.UseAdoNetClustering(clustering =>
    {
        clustering.Invariant = "Npgsql";
        clustering.ConnectionString = settings.OrleansConnectionString;
    });
    silo.AddAdoNetGrainStorage(GrainStorage.Name, storage =>
    {
        storage.Invariant = "Npgsql";
        storage.ConnectionString = settings.OrleansConnectionString;
    });
    // Plain JSON in stored state: no CLR type names, so renaming a class never orphans state.
    silo.UseSystemTextJsonGrainStorageSerializer();
    silo.UseAdoNetReminderService(reminders =>
    {
        reminders.Invariant = "Npgsql";
        reminders.ConnectionString = settings.OrleansConnectionString;
    });

    // Failure detection measured in docs/cluster.md: a killed silo is declared dead in about 1 s,
    // a hung (SIGSTOP) one in about 9 s, against 7-15 s and 63 s with Orleans' defaults.
    silo.Configure<ClusterMembershipOptions>(membership =>
    {
        membership.ProbeTimeout = TimeSpan.FromSeconds(1);
        membership.NumMissedProbesLimit = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        builder.Configuration.GetSection("Cluster:Membership").Bind(membership);
    });
    // The directory cache is preallocated for its capacity (1,000,000 entries, 9 MB, by default).
    silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = 100_000);
    silo.Configure<ReminderOptions>(builder.Configuration.GetSection("Cluster:Reminders"));
    silo.Configure<SiloMessagingOptions>(builder.Configuration.GetSection("Cluster:Messaging"));

    silo.AddTransportSecurity(builder.Configuration);
    silo.AddKubernetesHostingWhenInCluster();
    silo.AddActivityPropagation();
    silo.AddDashboard();
    silo.AddIncomingGrainCallFilter<PersonalDataCallFilter>();
});
// After the silo has joined (hosted services start in order) and before the gateway listens.
builder.Services.AddHostedService<OwnerBootstrap>();
builder.Services.AddWebAppCompression();

builder.AddDatapunkTelemetry();

var app = builder.Build();
var webApp = WebAppFiles.Find();

app.UseExceptionHandler();
// The web app's scripts and styles hold no data: served before authentication (docs/web.md).
app.UseWebAppAssets(webApp);
app.UseAuthentication();
app.UseMiddleware<ActAsUserMiddleware>();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthApi();
app.MapDatapunkOpenApi();
// Aggregate runtime metrics, no personal data: Prometheus scrapes them without credentials (docs/security.md).
app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AuthPolicies.Admin);
app.MapWebAppPages(webApp);
app.MapAuthApi();
// The provider redirects the browser here without the user's credentials: the OAuth state names the user.
app.MapConnectionCallback();
// Providers push change notifications here without the user's credentials: each carries its subscription's secret.
app.MapWebhooksApi();

var api = app.MapApiV1();
api.MapMeApi();
api.MapIngestTokensApi();
api.MapUsersApi();
api.MapClusterApi();
api.MapAdminImportsApi();
api.MapAuditApi();
api.MapRecordsApi();
api.MapRecordsArrivalsApi();
api.MapTimelineApi();
api.MapMapApi();
api.MapStatsApi();
api.MapAskApi();
api.MapModelServersApi();
api.MapSearchApi();
api.MapSqlApi();
api.MapPrivacyApi();
api.MapUploadsApi();
api.MapImportsApi();
api.MapTablesApi();
api.MapPlacesApi();
api.MapAnomaliesApi();
api.MapModelsApi();
api.MapConnectionsApi();
api.MapCatalogApi();
app.MapDatapunkGrpc();
// Live location from phones: their own credential (an ingest token), outside /api/v1.
app.MapIngestApi();

// The schema (Orleans' tables included) is brought up to date, as the owner, before the silo joins the cluster.
await app.Services.MigrateDatabaseAsync();
await app.RunAsync();
return 0;
