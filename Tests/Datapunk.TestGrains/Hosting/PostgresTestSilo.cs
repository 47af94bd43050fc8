using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.Configuration;

namespace Datapunk.TestGrains;

public static class PostgresTestSilo
{
    /// <summary>
    /// A silo set up like Datapunk's (Silo/Program.cs): ADO.NET clustering and grain storage on
    /// PostgreSQL (schema orleans), System.Text.Json state and the same membership timing, so what the
    /// cluster tests and benchmarks measure is the product's. <c>Cluster:Membership</c> in
    /// <paramref name="configuration"/> overrides the timing, as it does in the real silo.
    /// </summary>
    public static ISiloBuilder UsePostgresLikeDatapunk(
        this ISiloBuilder silo, string connectionString, string clusterId, string serviceId, int siloPort, int gatewayPort,
        IConfiguration? configuration = null)
    {
        var orleansDatabase = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "orleans" }.ConnectionString;
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clusterId;
            cluster.ServiceId = serviceId;
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
            configuration?.GetSection("Cluster:Membership").Bind(membership);
        });
        return silo;
    }
}
