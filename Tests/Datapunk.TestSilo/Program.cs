using Datapunk.TestGrains;

// A silo hosting the test grains, started as a separate process by the cluster tests; the schema is
// migrated by the tests before they start it.
var builder = Host.CreateApplicationBuilder(args);
var configuration = builder.Configuration;
builder.UseOrleans(silo => silo.UsePostgresLikeDatapunk(
    configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("Set ConnectionStrings__Postgres."),
    configuration["Cluster:Id"] ?? throw new InvalidOperationException("Set Cluster__Id."),
    configuration["Cluster:ServiceId"] ?? throw new InvalidOperationException("Set Cluster__ServiceId."),
    configuration.GetValue<int>("Silo:Port"),
    configuration.GetValue<int>("Silo:GatewayPort"),
    configuration));

await builder.Build().RunAsync();
