using Datapunk.Silo.Api;
using Datapunk.Silo.Hosting;
using Datapunk.Silo.Telemetry;
using Datapunk.Silo.Web;

var builder = WebApplication.CreateBuilder(args);

var settings = SiloSettings.From(builder.Configuration);
builder.AddDatapunkGateway(settings);
builder.Services.AddDatapunkStorage(settings);
builder.Services.AddDatapunkLake(builder.Configuration);
builder.Services.AddDatapunkActors(settings, builder.Configuration);
builder.Services.AddDatapunkTelemetry();
builder.Services.AddDatapunkDashboard();

var app = builder.Build();

app.MapHealthApi();
app.MapMetricsEndpoint();
app.MapDashboard();
app.MapClusterApi();
app.MapSiloStatsApi();
app.MapDashboardApi();
app.MapUsersApi();
app.MapImportsApi();

app.Run();
