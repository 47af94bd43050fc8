using System.Net;
using Datapunk.TestGrains;
using Npgsql;
using Orleans.Configuration;

// A silo hosting the test grains, started as a separate process by the cluster tests. It is set up
// like Datapunk's silo (ADO.NET clustering, storage and reminders on PostgreSQL, the same membership
// timing) so the failover and fencing the tests measure are the product's; the schema is migrated
// by the tests before they start it.
var builder = Host.CreateApplicationBuilder(args);
var configuration = builder.Configuration;
var orleansDatabase = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { SearchPath = "orleans" }.ConnectionString;
var siloPort = configuration.GetValue<int>("Silo:Port");
var gatewayPort = configuration.GetValue<int>("Silo:GatewayPort");

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(cluster =>
    {
        cluster.ClusterId = configuration["Cluster:Id"] ?? throw new InvalidOperationException("Set Cluster__Id.");
        cluster.ServiceId = configuration["Cluster:ServiceId"] ?? throw new InvalidOperationException("Set Cluster__ServiceId.");
    });
    silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
    silo.UseAdoNetClustering(clustering =>
    {
        clustering.Invariant = "Npgsql";
        clustering.ConnectionString = orleansDatabase;
    });
    silo.AddAdoNetGrainStorage(TestStorage.Name, storage =>
    {
        storage.Invariant = "Npgsql";
        storage.ConnectionString = orleansDatabase;
    });
    silo.UseSystemTextJsonGrainStorageSerializer();
    silo.Configure<ClusterMembershipOptions>(membership =>
    {
        membership.ProbeTimeout = TimeSpan.FromSeconds(1);
        membership.NumMissedProbesLimit = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        configuration.GetSection("Orleans:Membership").Bind(membership);
    });
});

await builder.Build().RunAsync();
